"""法治 Fazhi: online case handling, supervision and disclosure for a Human Resources and Social Security Bureau."""
