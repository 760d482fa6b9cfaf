"""Whether the wildcard values of one pattern field are too complex for EventBridge to accept.

AWS measures this on event-ruler's byte-level state machine (MachineComplexityEvaluator) and does not publish
the limit; this module models it on a small automaton over the values (see `check_wildcard_complexity`).
"""

from __future__ import annotations

from collections.abc import Iterable

from mock_partner_events._patterns.grammar import fail

# Most wildcard prefixes a value may keep alive at once.
_WILDCARD_COMPLEXITY_LIMIT = 10
_COMPLEXITY_SEARCH_BUDGET = 20_000


def check_wildcard_complexity(patterns: Iterable[tuple[str, ...]]) -> None:
    """Reject wildcard values of one field that could keep too many partial matches alive at once.

    AWS measures this on its byte-level state machine (event-ruler's MachineComplexityEvaluator) and does not
    publish the limit. We model it: the values share their common prefix up to the first '*', each state is
    weighted by the number of values that pass through it, and the worst input may keep at most 10 weighted
    states alive. This accepts and rejects the cases AWS is known to (e.g. '*:*:*:*:*:event-bus/*' is too
    complex, three '*:stack/<name>/*' values are fine and four are not).
    """
    automaton = _WildcardAutomaton(sorted(set(patterns)))
    if automaton.worst_case_weight() > _WILDCARD_COMPLEXITY_LIMIT:
        fail(
            "Rule is too complex - try using fewer wildcard characters or fewer repeating character "
            "sequences after a wildcard character"
        )


class _WildcardAutomaton:
    """A non-deterministic automaton over the quoted values; a star state loops on every character."""

    def __init__(self, patterns: list[tuple[str, ...]]) -> None:
        self.literal: list[dict[str, list[int]]] = [{}]
        self.skips: list[list[int]] = [[]]  # empty-string moves into a star state
        self.is_star = [False]
        self.weight = [len(patterns)]
        self.accepting: set[int] = set()
        shared: dict[tuple[int, str | None], int] = {}
        for parts in patterns:
            state, sharing = 0, True
            for token in _tokens(parts):
                if sharing and (state, token) in shared:
                    target = shared[(state, token)]
                else:
                    target = self._add_state(state, token)
                    if sharing:
                        shared[(state, token)] = target
                self.weight[target] += 1
                sharing = sharing and token is not None
                state = target
            self.accepting.add(state)

    def _add_state(self, source: int, token: str | None) -> int:
        target = len(self.is_star)
        self.literal.append({})
        self.skips.append([])
        self.is_star.append(token is None)
        self.weight.append(0)
        if token is None:
            self.skips[source].append(target)
        else:
            self.literal[source].setdefault(token, []).append(target)
        return target

    def _closure(self, states: set[int]) -> frozenset[int]:
        pending = list(states)
        while pending:
            for target in self.skips[pending.pop()]:
                if target not in states:
                    states.add(target)
                    pending.append(target)
        return frozenset(states)

    def worst_case_weight(self) -> int:
        """Explores every reachable set of live states (stopping once over the limit)."""
        alphabet = {char for table in self.literal for char in table} | {""}  # "" stands for any other char
        start = self._closure({0})
        seen, pending, worst = {start}, [start], 0
        while pending and worst <= _WILDCARD_COMPLEXITY_LIMIT:
            if len(seen) > _COMPLEXITY_SEARCH_BUDGET:
                return _WILDCARD_COMPLEXITY_LIMIT + 1
            live = pending.pop()
            for char in alphabet:
                step = {state for state in live if self.is_star[state]}
                for state in live:
                    step.update(self.literal[state].get(char, ()))
                following = self._closure(step)
                worst = max(worst, sum(self.weight[s] for s in following if s not in self.accepting))
                if following not in seen:
                    seen.add(following)
                    pending.append(following)
        return worst


def _tokens(parts: tuple[str, ...]) -> list[str | None]:
    """The quoted value as characters, None standing for '*'."""
    tokens: list[str | None] = ['"', *parts[0]]
    for part in parts[1:]:
        tokens.append(None)
        tokens.extend(part)
    tokens.append('"')
    return tokens
