"""The Merkle tree code against RFC 6962's published vectors, a straightforward reference, and forged proofs."""

from __future__ import annotations

import hashlib

import pytest

from fazhi.journal.hashing import sm3_available
from fazhi.journal.merkle import MerkleError, MerkleTree

# The data items and tree heads of RFC 6962's reference implementation (certificate-transparency test vectors).
CT_ITEMS = [bytes.fromhex(h) for h in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657")] + [
    bytes.fromhex("606162636465666768696a6b6c6d6e6f")
]
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_INCLUSION = [  # (0-based index, tree size, audit path)
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
CT_CONSISTENCY = [  # (old size, new size, proof)
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
ALGORITHMS = ["sha256", "sm3"] if sm3_available() else ["sha256"]


def items(n: int) -> list[bytes]:
    return [hashlib.sha256(i.to_bytes(4, "big")).digest() for i in range(n)]


def reference_root(algorithm: str, data: list[bytes]) -> bytes:
    """RFC 6962 §2.1 MTH, written as the RFC states it."""

    def h(payload: bytes) -> bytes:
        return hashlib.new(algorithm, payload).digest()

    if len(data) == 1:
        return h(b"\x00" + data[0])
    k = 1
    while k * 2 < len(data):
        k *= 2
    return h(b"\x01" + reference_root(algorithm, data[:k]) + reference_root(algorithm, data[k:]))


@pytest.fixture(params=ALGORITHMS)
def tree(request: pytest.FixtureRequest) -> MerkleTree:
    return MerkleTree(request.param)


def test_the_tree_heads_match_rfc_6962s_published_vectors() -> None:
    tree = MerkleTree("sha256")
    for n in range(1, 9):
        assert tree.root(CT_ITEMS[:n]).hex() == CT_ROOTS[n - 1]


@pytest.mark.parametrize(("index", "size", "path"), CT_INCLUSION)
def test_audit_paths_match_the_published_vectors_and_verify(index: int, size: int, path: list[str]) -> None:
    tree = MerkleTree("sha256")
    proof = tree.inclusion_proof(CT_ITEMS[:size], index)
    assert [p.hex() for p in proof] == path
    assert tree.verify_inclusion(CT_ITEMS[index], index, size, proof, bytes.fromhex(CT_ROOTS[size - 1]))


@pytest.mark.parametrize(("old", "new", "path"), CT_CONSISTENCY)
def test_consistency_proofs_match_the_published_vectors_and_verify(old: int, new: int, path: list[str]) -> None:
    tree = MerkleTree("sha256")
    proof = tree.consistency_proof(CT_ITEMS[:new], old)
    assert [p.hex() for p in proof] == path
    old_root, new_root = bytes.fromhex(CT_ROOTS[old - 1]), bytes.fromhex(CT_ROOTS[new - 1])
    assert tree.verify_consistency(old, new, old_root, new_root, proof)


@pytest.mark.parametrize("n", range(1, 18))
def test_the_root_of_every_size_from_1_to_17_matches_the_reference(tree: MerkleTree, n: int) -> None:
    data = items(n)
    expected = reference_root(tree.algorithm, data)
    assert tree.root(data) == expected
    accumulator = tree.accumulator()
    for item in data:
        accumulator.append(item)
    assert accumulator.size == n
    assert accumulator.root() == expected


def test_the_accumulator_gives_the_root_of_every_prefix(tree: MerkleTree) -> None:
    data = items(40)
    accumulator = tree.accumulator()
    for n, item in enumerate(data, start=1):
        accumulator.append(item)
        assert accumulator.root() == reference_root(tree.algorithm, data[:n])


def test_an_empty_tree_has_no_root(tree: MerkleTree) -> None:
    with pytest.raises(MerkleError):
        tree.root([])
    with pytest.raises(MerkleError):
        tree.accumulator().root()


def test_changing_reordering_adding_or_dropping_an_item_changes_the_root(tree: MerkleTree) -> None:
    data = items(9)
    root = tree.root(data)
    assert tree.root([*data[:4], hashlib.sha256(b"forged").digest(), *data[5:]]) != root
    assert tree.root([*data[:3], data[4], data[3], *data[5:]]) != root
    assert tree.root(data[:-1]) != root
    assert tree.root([*data, data[-1]]) != root


def test_a_leaf_cannot_pass_for_an_inner_node(tree: MerkleTree) -> None:
    # Domain separation (0x00 leaves, 0x01 nodes): the two children of a 2-item tree, concatenated, are not an item.
    data = items(2)
    forged_item = tree.leaf(data[0]) + tree.leaf(data[1])
    assert tree.root([forged_item]) != tree.root(data)


@pytest.mark.parametrize("n", range(1, 18))
def test_every_audit_path_verifies_and_every_forgery_fails(tree: MerkleTree, n: int) -> None:
    data = items(n)
    root = tree.root(data)
    other = hashlib.sha256(b"another root").digest()
    for index in range(n):
        proof = tree.inclusion_proof(data, index)
        assert tree.verify_inclusion(data[index], index, n, proof, root)
        # Forged root, wrong item, wrong index, wrong size.
        assert not tree.verify_inclusion(data[index], index, n, proof, other)
        assert not tree.verify_inclusion(hashlib.sha256(b"x").digest(), index, n, proof, root)
        assert not tree.verify_inclusion(data[index], (index + 1) % n, n, proof, root) or n == 1
        for size in range(n + 1, n + 9):
            # A size whose audit path from this index has another shape cannot verify (one with the same shape
            # may: the (size, root) pair comes from a checkpoint, never from the prover).
            if len(tree.inclusion_proof(items(size), index)) != len(proof):
                assert not tree.verify_inclusion(data[index], index, size, proof, root)
        assert not tree.verify_inclusion(data[index], index, 0, proof, root)
        assert not tree.verify_inclusion(data[index], n, n, proof, root)
        assert not tree.verify_inclusion(data[index], -1, n, proof, root)
        if proof:
            # Swapped siblings, a dropped or an extra step, a truncated hash.
            if len(proof) > 1:
                assert not tree.verify_inclusion(data[index], index, n, [proof[1], proof[0], *proof[2:]], root)
            assert not tree.verify_inclusion(data[index], index, n, proof[:-1], root)
            assert not tree.verify_inclusion(data[index], index, n, [*proof, proof[-1]], root)
            assert not tree.verify_inclusion(data[index], index, n, [proof[0][:-1], *proof[1:]], root)
        else:
            assert not tree.verify_inclusion(data[index], index, n, [root], root)


def test_an_audit_path_for_an_index_outside_the_tree_is_refused(tree: MerkleTree) -> None:
    with pytest.raises(MerkleError):
        tree.inclusion_proof(items(3), 3)
    with pytest.raises(MerkleError):
        tree.inclusion_proof([], 0)


def test_every_consistency_proof_up_to_17_verifies_and_forgeries_fail(tree: MerkleTree) -> None:
    data = items(17)
    roots = {n: tree.root(data[:n]) for n in range(1, 18)}
    forged = hashlib.sha256(b"forged").digest()
    for new in range(1, 18):
        for old in range(1, new + 1):
            proof = tree.consistency_proof(data[:new], old)
            assert tree.verify_consistency(old, new, roots[old], roots[new], proof)
            assert not tree.verify_consistency(old, new, forged, roots[new], proof)
            assert not tree.verify_consistency(old, new, roots[old], forged, proof)
            if old < new:
                # The wrong sizes, and a new tree that rewrote the old one's history.
                if len(tree.consistency_proof(items(new + 1), old)) != len(proof):
                    assert not tree.verify_consistency(old, new + 1, roots[old], roots[new], proof)
                assert not tree.verify_consistency(new, old, roots[new], roots[old], proof)
                rewritten = [forged, *data[1:new]]
                assert not tree.verify_consistency(old, new, roots[old], tree.root(rewritten), proof)
                if len(proof) > 1:
                    swapped = [proof[1], proof[0], *proof[2:]]
                    assert not tree.verify_consistency(old, new, roots[old], roots[new], swapped)
                assert not tree.verify_consistency(old, new, roots[old], roots[new], proof[:-1])
                assert not tree.verify_consistency(old, new, roots[old], roots[new], [*proof, forged])
            else:
                assert proof == []
                assert not tree.verify_consistency(old, new, roots[old], roots[new], [forged])


def test_consistency_from_an_empty_tree_is_refused(tree: MerkleTree) -> None:
    data = items(4)
    assert not tree.verify_consistency(0, 4, tree.root(data), tree.root(data), [])
    with pytest.raises(MerkleError):
        tree.consistency_proof(data, 0)
    with pytest.raises(MerkleError):
        tree.consistency_proof(data, 5)
