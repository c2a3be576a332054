"""Which phases a pair goes through: a rule of plain values, read by the cycle, the pairs and the
evaluations (no storage library: the screens that only read use it without loading one)."""

from __future__ import annotations

from westem_desktop.core.enums import Phase, Style

_FLASH_PHASES = (Phase.PREPARATION, Phase.NEGOTIATION, Phase.CLOSURE)
_ALL_PHASES = tuple(Phase)


def phases_of(style: str) -> tuple[Phase, ...]:
    """The phases a pair of this style goes through: flash mentoring skips activation."""
    return _FLASH_PHASES if style == Style.FLASH else _ALL_PHASES


def has_phase(style: str, phase: int) -> bool:
    return phase in phases_of(style)
