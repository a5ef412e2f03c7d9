"""Words the demo cases are made of (fazhi.cases.demo): names, places, trades, and the texts of summaries, reasons and
proposals. Every person and company built from these is fictitious."""

from __future__ import annotations

from fazhi.cases.models import Source

SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢钟"
)
GIVEN_NAMES = (
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "华",
    "建国", "建华", "志强", "志明", "海燕", "春梅", "桂兰", "玉兰", "国强", "永强", "小红", "小军", "文华", "晓东",
    "丽娟", "红梅", "金凤", "德明", "家豪", "子轩", "雨欣", "思远", "佳怡", "浩然", "俊杰", "婷婷", "亚男", "振华",
)  # fmt: skip
# Places of origin of the workers (行政区划代码 for ID numbers): Shenzhen and the provinces many workers come from.
ORIGIN_DIVISIONS = (
    "440304", "440305", "440306", "441422", "441481", "445281", "430521", "430626", "431121", "360732", "360428",
    "450881", "452123", "510922", "511321", "411323", "412724", "421127", "422822", "350583", "522121", "340822",
)  # fmt: skip
TRADE_NAMES = (
    "华强", "鹏程", "宏达", "信达", "启航", "恒通", "新鸿", "金辉", "盛世", "腾飞", "佳美", "联创", "海川", "锦绣",
    "万科达", "宝利", "嘉禾", "创维新", "优品", "南方", "前海", "蛇口", "星河", "东方", "永盛", "利丰", "汇通",
    "明珠", "兴业", "鑫源", "卓越", "天虹达", "安居", "顺达", "中科", "智联", "精工", "益民", "和谐", "德胜",
    "富源", "昌盛", "捷通", "美佳", "伟业", "长城", "科兴", "晶华", "大洋", "银河", "龙腾", "凯旋", "华美", "诚信",
)  # fmt: skip
INDUSTRIES = (
    ("电子科技", "有限公司"),
    ("电子科技", "有限公司"),
    ("精密五金制品", "有限公司"),
    ("塑胶制品", "厂"),
    ("建筑工程", "有限公司"),
    ("建筑劳务", "有限公司"),
    ("物业管理", "有限公司"),
    ("餐饮管理", "有限公司"),
    ("服装", "有限公司"),
    ("物流", "有限公司"),
    ("家具", "有限公司"),
    ("装饰工程", "有限公司"),
    ("保安服务", "有限公司"),
    ("印刷包装", "有限公司"),
    ("模具", "厂"),
    ("光电", "股份有限公司"),
    ("新材料", "有限公司"),
    ("信息技术", "有限公司"),
    ("酒店管理", "有限公司"),
    ("汽车维修", "有限公司"),
)
ADDRESSES: dict[str, tuple[tuple[str, str], ...]] = {
    "福田": (
        ("华强北街道", "华强北路"),
        ("福保街道", "桃花路"),
        ("梅林街道", "梅华路"),
        ("沙头街道", "泰然九路"),
        ("香蜜湖街道", "农林路"),
        ("福田街道", "福华三路"),
    ),
    "南山": (
        ("粤海街道", "科技南十二路"),
        ("西丽街道", "留仙大道"),
        ("桃源街道", "龙珠大道"),
        ("蛇口街道", "工业八路"),
        ("南头街道", "南山大道"),
        ("招商街道", "沿山路"),
    ),
    "宝安": (
        ("新安街道", "创业一路"),
        ("西乡街道", "宝源路"),
        ("福永街道", "凤凰大道"),
        ("沙井街道", "新沙路"),
        ("松岗街道", "松白路"),
        ("石岩街道", "塘头大道"),
    ),
}
SUMMARIES: dict[str, tuple[str, ...]] = {
    Source.COMPLAINT: (
        "投诉人反映{employer}拖欠其及工友共{workers}人{months}工资合计{amount}元，多次催要未果。",
        "投诉人称{employer}以经营困难为由拖欠{months}工资，涉及{workers}名劳动者，金额{amount}元。",
        "投诉人反映离职后{employer}未结清{months}工资{amount}元，并扣押其身份证件。",
    ),
    Source.REPORT: (
        "群众举报{employer}长期拖欠{workers}名员工{months}工资，约{amount}元，且未依法缴纳社会保险费。",
        "有人举报{employer}安排员工超时加班且不支付加班费，涉及{workers}人，拖欠{amount}元。",
    ),
    Source.PATROL: (
        "日常巡视检查发现{employer}未按规定建立职工名册，且拖欠{workers}名劳动者{months}工资{amount}元。",
        "日常巡视检查发现{employer}未与{workers}名劳动者订立书面劳动合同，工资发放记录不全。",
    ),
    Source.WRITTEN_REVIEW: (
        "书面审查{employer}报送的年度用工情况，发现工资支付台账与社保缴费人数不符，涉及{workers}人。",
        "书面审查发现{employer}未按时报送劳动用工备案材料，工资支付情况需核查。",
    ),
    Source.SPECIAL_CAMPAIGN: (
        "根治欠薪专项检查中发现{employer}在建项目拖欠农民工{months}工资{amount}元，涉及{workers}人。",
        "专项检查发现{employer}未设立农民工工资专用账户，拖欠{workers}名农民工工资{amount}元。",
    ),
    Source.REFERRAL: (
        "12345热线转办：反映{employer}拖欠{workers}名员工{months}工资约{amount}元。",
        "信访部门转来材料，反映{employer}拖欠劳动者工资{amount}元。",
    ),
}
REASONS: dict[str, tuple[str, ...]] = {
    "completion": (
        "投诉材料未载明用人单位地址及拖欠工资的具体期间，请一次性补正。",
        "请补充提供劳动关系证明材料（工牌、考勤记录或工资条）。",
    ),
    "refuse": (
        "经审查，该投诉事项不符合受理条件，已书面告知投诉人。",
        "投诉事项已由劳动人事争议仲裁委员会受理，依法不予受理。",
    ),
    "revoke": (
        "经调查，用人单位已在立案前足额支付工资，违法事实不能成立，撤销立案。",
        "用人单位已被人民法院宣告破产，按规定撤销立案。",
    ),
    "extend": (
        "案情复杂，涉及劳动者人数较多，需进一步调取银行流水，经批准延长办案期限。",
        "用人单位法定代表人下落不明，需协查，经批准延长办案期限。",
    ),
    "suspend": (
        "案件处理须以劳动关系确认结果为依据，而该争议已申请仲裁，中止调查。",
        "用人单位进入破产清算程序，中止调查。",
    ),
    "send_back": ("证据不足：缺少用人单位的询问笔录，请补充调查。", "欠薪金额计算有误，请核实后重新提出。"),
    "legal": ("处罚裁量依据引用有误，请按本局裁量基准重新提出。",),
    "reject_preservation": ("相关证据已通过复制、拍照方式固定，无须先行登记保存。",),
    "reassign": (
        "原主办人抽调参加根治欠薪专项行动，经中队研究，改由原协办人主办。",
        "原主办人休产假，为保证办案期限，改由原协办人主办。",
    ),
    "recusal": (
        "协办人与用人单位法定代表人系近亲属，可能影响案件公正处理，本人申请回避，经负责人审查决定回避。",
        "当事人以协办人曾在该单位任职为由申请回避，经负责人审查，理由成立，决定回避。",
    ),
    "verify": (
        "经复查，当事人已于限期内改正{violation}的违法行为，提交了整改报告及相关证明材料，整改到位。",
        "经现场复查并调阅相关台账，当事人已纠正{violation}的违法行为，整改到位。",
    ),
    "compensation": (
        "当事人逾期未足额支付劳动者工资，依据《劳动合同法》第八十五条、《劳动保障监察条例》第二十六条，"
        "责令按应付金额的百分之五十向劳动者加付赔偿金。",
    ),
    "court": (
        "当事人在法定期限内未申请行政复议、未提起行政诉讼，又不履行罚款决定，经催告仍未履行，"
        "依法申请人民法院强制执行。",
    ),
}
# The violations the demo's proposals name (codes of fazhi/rules/data/penalty_items.csv), by proposed outcome;
# "major" are the heavy penalties (情节复杂或者重大违法行为, collective discussion), all in construction.
VIOLATIONS: dict[str, tuple[str, ...]] = {
    "handling_decision": (
        "lbjc26_1_wage_arrears",
        "lbjc26_1_wage_arrears",
        "gdjc51_1_wage_arrears",
        "gdgz56_1_arrears_deduction",
        "gdgz56_3_overtime_pay",
        "lbjc26_3_no_severance",
    ),
    "rectification": (
        "lbjc24_no_written_contract",
        "gdjc49_no_ledger",
        "ldht84_1_seize_id",
        "gdgz54_5_no_payslip",
        "ldht89_no_termination_certificate",
        "ldht81_contract_text",
    ),
    "penalty": (
        "gdgz54_4_no_ledger",
        "ldhtsstl33_no_roster",
        "gdjc52_3_refuse_information",
        "lbjc30_3_refuse_correction",
        "gdgz57_3_refuse_correction",
        "lbjc25_overtime_excess",
        "ldht84_2_collect_deposit",
        "gdjc50_2_fine_or_deduct_worker",
    ),
    "major": ("nmg55_1_no_wage_account", "nmg55_3_no_realname", "nmg54_2_no_ledger_payslip"),
    "transfer_police": ("xf276_1_refuse_pay_wages",),
}
# Proposals (事实、理由和依据): {employer}, {violation} (its name), {basis} (《…》第…条), {workers}, {fine}.
PROPOSALS: dict[str, str] = {
    "handling_decision": (
        "经调查，当事人{employer}存在{violation}的违法行为，涉及劳动者{workers}人，有考勤记录、工资表、询问笔录等"
        "证据证实，事实清楚。依据{basis}，拟作出行政处理决定，责令其限期支付。"
    ),
    "rectification": (
        "经调查，当事人{employer}存在{violation}的违法行为，有现场检查笔录、询问笔录等证据证实，事实清楚。"
        "依据{basis}，拟责令其限期改正。"
    ),
    "penalty": (
        "经调查，当事人{employer}存在{violation}的违法行为，事实清楚、证据确凿。依据{basis}，结合本局行政处罚"
        "裁量基准，拟处以罚款人民币{fine}元。"
    ),
    "no_penalty": (
        "经调查，当事人{employer}违法行为轻微并已及时改正，没有造成危害后果，依据《行政处罚法》第三十三条，"
        "拟不予行政处罚。"
    ),
    "transfer": (
        "经调查，该案所涉事项属于社会保险费征缴，不属于劳动保障监察管辖，拟移送有管辖权的机关处理，并告知投诉人。"
    ),
    "transfer_police": (
        "经调查，当事人{employer}法定代表人以逃匿方法逃避支付{workers}名劳动者的劳动报酬，数额较大，经责令支付仍不"
        "支付，涉嫌拒不支付劳动报酬罪。依据《刑法》第二百七十六条之一和《行政执法机关移送涉嫌犯罪案件的规定》"
        "第三条，拟移送公安机关。"
    ),
}
PRESERVATION_ITEMS = (
    "当事人2026年考勤记录（打卡机导出数据及纸质考勤表）一套、工资发放表原件3册，存放于该单位财务室。",
    "员工花名册原件1册、工资支付台账1册、劳动合同签收登记表1份，就地封存于该单位人事部档案柜。",
    "工地现场农民工考勤表12份、工资发放签领表8份，存放于项目部办公室。",
)
# Statements of defence and the review of them: "adopted" when the fine is then lowered, "not_adopted" otherwise.
DEFENCES: dict[str, tuple[str, ...]] = {
    "adopted": (
        "当事人法定代表人到场陈述，对违法事实无异议，表示已开始整改，请求减轻处罚。经复核，当事人已主动消除部分"
        "违法后果，予以采纳。",
        "当事人于告知期限内提交书面陈述申辩，称受上游客户拖欠货款影响资金周转困难，并已补发部分工资，请求从轻"
        "处理。经复核，所述情况属实，予以采纳。",
    ),
    "not_adopted": (
        "当事人于告知期限内提交书面陈述申辩，称受上游客户拖欠货款影响资金周转困难，并非恶意违法，请求从轻处理。"
        "经复核，所述情况不构成从轻或者减轻的法定事由，不予采纳。",
        "当事人委托代理人提交申辩意见，认为涉案人员系劳务外包人员，与其不存在劳动关系。经复核，考勤记录、工资发放"
        "记录及工作证等证据足以证明劳动关系，申辩理由不成立，不予采纳。",
    ),
}
HEARING_RECORDS = (
    "听证会依法公开举行，当事人委托代理人出席。调查人员陈述了违法事实、证据和拟处罚意见；当事人对违法事实无"
    "异议，对罚款数额提出异议，称已于告知后完成整改。双方进行了质证和辩论，当事人作最后陈述，笔录经核对签字。",
    "听证会依法举行，当事人法定代表人及其委托律师出席。当事人对部分证据的真实性提出异议，调查人员当场出示了"
    "银行流水等证据。双方辩论后，当事人作最后陈述，听证笔录经当事人核对无误后签字。",
)
DISCUSSIONS = (
    "局负责人集体讨论。参加人员：局长、分管副局长、劳动监察大队大队长、法制科科长。意见：当事人违法事实清楚、"
    "证据确凿、程序合法，处罚裁量适当。结论：同意按法制审核意见作出行政处罚决定。",
    "局长办公会集体讨论。参加人员：局长、两名副局长、法制科科长、承办中队中队长。意见：本案涉及农民工人数多、"
    "社会影响大，违法事实清楚，处罚依据充分。结论：同意作出行政处罚决定。",
)
