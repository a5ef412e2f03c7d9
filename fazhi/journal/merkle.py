"""Merkle tree hashes, inclusion and consistency proofs as in RFC 6962 §2.1 (verification as in RFC 9162 §2.1.3–2.1.4).

Pure Python: no Django import. The data items are the journal entries' hashes (raw bytes); the tree uses the
journal's algorithm: leaf = H(0x00 || item), node = H(0x01 || left || right), and a tree of n > 1 items splits at the
largest power of two smaller than n. The empty tree has no root here: a checkpoint always covers at least one entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from fazhi.journal.hashing import DIGEST_SIZE, HashFactory, hash_factory

_LEAF = b"\x00"
_NODE = b"\x01"


class MerkleError(ValueError):
    """A tree or proof request that makes no sense (empty tree, index out of range, ...)."""


def _split(n: int) -> int:
    """The largest power of two smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class MerkleTree:
    """Hashing with one algorithm ("sha256" or "sm3")."""

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self._new: HashFactory = hash_factory(algorithm)

    def leaf(self, item: bytes) -> bytes:
        return self._new(_LEAF + item).digest()

    def node(self, left: bytes, right: bytes) -> bytes:
        return self._new(_NODE + left + right).digest()

    # --- Tree hash -------------------------------------------------------------------------------------------------

    def root(self, items: Sequence[bytes]) -> bytes:
        """MTH(items). Built bottom-up, carrying an unpaired last node up a level, which gives the RFC 6962 shape."""
        if not items:
            raise MerkleError("空的默克尔树没有根哈希。")
        level = [self.leaf(item) for item in items]
        node = self.node
        while len(level) > 1:
            paired = [node(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
            if len(level) % 2:
                paired.append(level[-1])
            level = paired
        return level[0]

    def accumulator(self) -> MerkleAccumulator:
        return MerkleAccumulator(self)

    # --- Proofs (RFC 6962 §2.1.1 and §2.1.2) -----------------------------------------------------------------------

    def inclusion_proof(self, items: Sequence[bytes], index: int) -> list[bytes]:
        """PATH(index, items): the audit path of item `index` in the tree over `items`."""
        if not 0 <= index < len(items):
            raise MerkleError(f"序号 {index} 不在 0 到 {len(items) - 1} 之间。")
        return self._path(index, items)

    def _path(self, m: int, items: Sequence[bytes]) -> list[bytes]:
        n = len(items)
        if n == 1:
            return []
        k = _split(n)
        if m < k:
            return [*self._path(m, items[:k]), self.root(items[k:])]
        return [*self._path(m - k, items[k:]), self.root(items[:k])]

    def consistency_proof(self, items: Sequence[bytes], old_size: int) -> list[bytes]:
        """PROOF(old_size, items): shows that the tree over items[:old_size] is a prefix of the tree over items."""
        if not 0 < old_size <= len(items):
            raise MerkleError(f"旧树大小 {old_size} 不在 1 到 {len(items)} 之间。")
        return self._subproof(old_size, items, True)

    def _subproof(self, m: int, items: Sequence[bytes], whole: bool) -> list[bytes]:
        n = len(items)
        if m == n:
            return [] if whole else [self.root(items)]
        k = _split(n)
        if m <= k:
            return [*self._subproof(m, items[:k], whole), self.root(items[k:])]
        return [*self._subproof(m - k, items[k:], False), self.root(items[:k])]

    # --- Verification (RFC 9162 §2.1.3.2 and §2.1.4.2) -------------------------------------------------------------

    def verify_inclusion(self, item: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes) -> bool:
        """Whether `proof` shows that `item` is entry `index` (0-based) of the tree of `size` entries with `root`."""
        if not 0 <= index < size or any(len(p) != DIGEST_SIZE for p in proof):
            return False
        fn, sn = index, size - 1
        r = self.leaf(item)
        for p in proof:
            if sn == 0:
                return False
            if fn & 1 or fn == sn:
                r = self.node(p, r)
                if not fn & 1:
                    while not (fn & 1 or fn == 0):
                        fn >>= 1
                        sn >>= 1
            else:
                r = self.node(r, p)
            fn >>= 1
            sn >>= 1
        return sn == 0 and r == root

    def verify_consistency(
        self, old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
    ) -> bool:
        """Whether `proof` shows that the tree (old_size, old_root) is a prefix of (new_size, new_root)."""
        if old_size < 1 or new_size < old_size or any(len(p) != DIGEST_SIZE for p in proof):
            return False
        if old_size == new_size:
            return not proof and old_root == new_root
        path = list(proof)
        if old_size & (old_size - 1) == 0:  # a power of two: the old root is itself a node of the new tree
            path.insert(0, old_root)
        if not path:
            return False
        fn, sn = old_size - 1, new_size - 1
        while fn & 1:
            fn >>= 1
            sn >>= 1
        fr = sr = path[0]
        for c in path[1:]:
            if sn == 0:
                return False
            if fn & 1 or fn == sn:
                fr = self.node(c, fr)
                sr = self.node(c, sr)
                if not fn & 1:
                    while not (fn & 1 or fn == 0):
                        fn >>= 1
                        sn >>= 1
            else:
                sr = self.node(sr, c)
            fn >>= 1
            sn >>= 1
        return sn == 0 and fr == old_root and sr == new_root


class MerkleAccumulator:
    """The tree hash of a stream of items in O(log n) memory: a stack of the roots of full subtrees."""

    def __init__(self, tree: MerkleTree) -> None:
        self._tree = tree
        self._stack: list[bytes] = []  # roots of full subtrees, largest first
        self.size = 0

    def append(self, item: bytes) -> None:
        node = self._tree.node
        h = self._tree.leaf(item)
        stack = self._stack
        self.size += 1
        # Each trailing 1 bit of the new size merges two equal full subtrees.
        n = self.size
        while not n & 1:
            h = node(stack.pop(), h)
            n >>= 1
        stack.append(h)

    def subtrees(self) -> list[bytes]:
        """The roots of the full subtrees held so far, largest first: one for each 1 bit of `size`."""
        return list(self._stack)

    def extend_with(self, subtrees: Sequence[bytes], size: int) -> None:
        """Append `size` items given by another accumulator's `subtrees()`, without their leaves.

        The items must start at a multiple of the largest power of two in `size` (this accumulator's size), so that
        each of their full subtrees is also one of the whole tree (RFC 6962 §2.1 splits at powers of two).
        """
        heights = [bit for bit in range(size.bit_length() - 1, -1, -1) if size >> bit & 1]
        if len(subtrees) != len(heights) or (heights and self.size % (1 << heights[0])):
            raise MerkleError(f"无法在 {self.size} 个叶子之后接上 {size} 个叶子的子树。")
        node = self._tree.node
        stack = self._stack
        for h, height in zip(subtrees, heights, strict=True):
            # As in append(), one level up: each trailing 1 bit of the count of subtrees this high merges two.
            n = (self.size >> height) + 1
            while not n & 1:
                h = node(stack.pop(), h)
                n >>= 1
            stack.append(h)
            self.size += 1 << height

    def root(self) -> bytes:
        if not self._stack:
            raise MerkleError("空的默克尔树没有根哈希。")
        node = self._tree.node
        h = self._stack[-1]
        for left in reversed(self._stack[:-1]):
            h = node(left, h)
        return h
