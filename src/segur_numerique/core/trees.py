"""Filters over explanation trees, written once for both shapes a tree comes in.

An explanation is either an :class:`~segur_numerique.core.explanation.Explanation` or its JSON
export (a saved ``segur_numerique.explanation/v1`` document read back as dictionaries). The
filters of ``segur-numerique explain`` (``--only``, ``--depth``, the back-references for repeated
steps) must behave the same on both, so each is written here once, over a :class:`TreeShape`
saying how to read and rebuild a node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

import attrs

Node = TypeVar("Node")


@attrs.frozen
class TreeShape(Generic[Node]):
    """How to read and rebuild one kind of node.

    Attributes:
        names: the texts a ``--only`` pattern is matched against (rule id, titles).
        children: the node's children.
        with_children: the node with other children.
        key: the node's identity for finding repeats (equal keys, equal sub-trees).
        has_body: whether the node shows more than its title and result.
    """

    names: Callable[[Node], Iterable[str]]
    children: Callable[[Node], tuple[Node, ...]]
    with_children: Callable[[Node, tuple[Node, ...]], Node]
    key: Callable[[Node], str]
    has_body: Callable[[Node], bool]


def only(node: Node, patterns: Iterable[str], shape: TreeShape[Node]) -> Node | None:
    """The nodes a pattern matches (whole), with their ancestors; ``None`` when none matches.

    A pattern matches a node when it is a substring of one of its names, ignoring case.
    """
    wanted = tuple(p.casefold() for p in patterns)

    def keep(current: Node) -> Node | None:
        if any(p in name.casefold() for p in wanted for name in shape.names(current)):
            return current
        kept = tuple(k for k in (keep(c) for c in shape.children(current)) if k is not None)
        return shape.with_children(current, kept) if kept else None

    return keep(node)


def size(node: Node, shape: TreeShape[Node]) -> int:
    """The number of nodes in the tree (``node`` included)."""
    return 1 + sum(size(child, shape) for child in shape.children(node))


def truncated(
    node: Node, depth: int, shape: TreeShape[Node], hidden: Callable[[int], Node]
) -> Node:
    """The tree down to ``depth`` levels below ``node``; a cut node gets ``hidden(count)`` instead."""
    children = shape.children(node)
    if not children:
        return node
    if depth == 0:
        return shape.with_children(node, (hidden(size(node, shape) - 1),))
    return shape.with_children(
        node, tuple(truncated(child, depth - 1, shape, hidden) for child in children)
    )


def references(root: Node, shape: TreeShape[Node]) -> dict[str, int]:
    """The repeated nodes a rendering refers back to, numbered in order of first appearance.

    Nodes are visited in rendering order; a node met again (same key) and with a body is
    referred back to, and its sub-tree is not visited again.
    """
    seen: set[str] = set()
    again: list[str] = []

    def visit(current: Node) -> None:
        key = shape.key(current)
        if key in seen:
            if key not in again and shape.has_body(current):
                again.append(key)
            return
        seen.add(key)
        for child in shape.children(current):
            visit(child)

    visit(root)
    return {key: number for number, key in enumerate(again, start=1)}
