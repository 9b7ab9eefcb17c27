"""The sandbox every template renders in: Jinja's immutable sandbox, bounded in work and size.

Jinja's sandbox stops a template from reaching Python internals, but not from working forever
(nested loops) or from asking for one huge value (``'x' * 1500000000``, ``9 ** (9 ** 9)``,
``lipsum(n=10**6)``), which Python computes in one uninterruptible step. Here every such step is
bounded before it runs, and the work of a whole document is counted against a ``Budget``:

- steps (loop iterations, and calls at ``CALL_STEPS`` each) at most ``MAX_STEPS`` per document;
- a value a template computes (an operator's, a filter's or a method's result) at most
  ``MAX_VALUE`` characters or items, and an integer at most ``MAX_INT_BITS`` bits; operations
  that could exceed them (repetition, powers, padding, joining, replacing, formatting) are
  estimated and refused before they run;
- printed output at most ``MAX_OUTPUT`` characters per document;
- time at most ``TIME_LIMIT`` seconds per document, checked at every step (so it works in any
  thread, without signals).

A template that exceeds a bound raises ``WorkLimit``; ``engine.fill`` reports it as an error
placed at the template. Loops and ``~`` are bounded by rewriting the parsed template: each
``for`` iterates through a guard filter that counts its items, and each ``a ~ b`` joins through
one that bounds the result.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import math
import re
import string
import time
from typing import Any, Callable, Iterator, Optional

from jinja2 import StrictUndefined, Template, nodes, pass_context
from jinja2.exceptions import TemplateRuntimeError
from jinja2.runtime import Macro, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

MAX_STEPS = 2_000_000          # loop iterations and calls, one document
CALL_STEPS = 8                 # a call (a macro's, a method's) counts as this many steps
MAX_VALUE = 4_000_000          # characters or items of one value a template computes
MAX_OUTPUT = 256_000_000       # characters printed and joined, one document
MAX_INT_BITS = 12_000          # bits of an integer a template computes (printable)
TIME_LIMIT = 60.0              # seconds, one document
MAX_LIPSUM = (20, 200)         # lipsum: paragraphs, words per paragraph


class WorkLimit(TemplateRuntimeError):
    """A template exceeded a bound on the work or the size of what it computes."""


class Budget:
    """The work one document may still do: steps, printed characters, and a deadline."""

    __slots__ = ("steps", "output", "deadline", "time_limit")

    def __init__(self, time_limit: Optional[float] = None):
        self.steps = 0
        self.output = 0
        self.time_limit = TIME_LIMIT if time_limit is None else time_limit
        self.deadline = time.monotonic() + self.time_limit

    def step(self, n: int = 1) -> None:
        """Count `n` steps (iterations or calls); refuse past the bound or the deadline."""
        self.steps += n
        if self.steps > MAX_STEPS:
            raise WorkLimit(f"more than {MAX_STEPS:,} loop iterations and calls".replace(",", " "))
        if time.monotonic() > self.deadline:
            raise WorkLimit(f"rendering took longer than {self.time_limit:g} s")

    def printed(self, n: int) -> None:
        """Count `n` characters of output; refuse past the bound or the deadline."""
        self.output += n
        if self.output > MAX_OUTPUT:
            raise WorkLimit(f"the output grows past {MAX_OUTPUT:,} characters".replace(",", " "))
        if time.monotonic() > self.deadline:
            raise WorkLimit(f"rendering took longer than {self.time_limit:g} s")


_BUDGET: contextvars.ContextVar[Optional[Budget]] = contextvars.ContextVar("ajdoc_budget",
                                                                          default=None)


def budget() -> Budget:
    """The budget of the document being rendered in this thread (a fresh one outside ``bounded``)."""
    b = _BUDGET.get()
    if b is None:
        b = Budget()
        _BUDGET.set(b)
    return b


@contextlib.contextmanager
def bounded(time_limit: Optional[float] = None) -> Iterator[Budget]:
    """Render one document under a fresh budget (per thread: a context variable)."""
    token = _BUDGET.set(Budget(time_limit))
    try:
        yield _BUDGET.get()  # type: ignore[misc]
    finally:
        _BUDGET.reset(token)


# -- estimates: refuse before Python computes something huge ----------------------------------
def _size(value: Any) -> Optional[int]:
    return len(value) if isinstance(value, (str, bytes, bytearray, list, tuple, dict)) else None


def _too_big(what: str, n: int) -> WorkLimit:
    return WorkLimit(f"{what} would hold {n:,} characters or items (at most "
                     f"{MAX_VALUE:,})".replace(",", " "))


def check_value(value: Any, what: str = "a value") -> Any:
    """`value` itself, if within the bounds on size (strings, sequences, integers)."""
    n = _size(value)
    if n is not None and n > MAX_VALUE:
        raise _too_big(what, n)
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise WorkLimit(f"{what} is an integer of more than {MAX_INT_BITS} bits")
    return value


def _text_len(value: Any, limit: int = MAX_VALUE) -> int:
    """How long `value` prints, at most about `limit` (counting stops past it)."""
    if isinstance(value, (str, bytes, bytearray)):
        return len(value)
    if isinstance(value, (list, tuple, dict)):
        total = 2
        for item in (value.items() if isinstance(value, dict) else value):
            total += 2 + _text_len(item, limit - total)
            if total > limit:
                break
        return total
    return len(str(value))


def _widest(values: Any) -> int:
    """The longest text any of `values` prints as (an upper bound on a formatted field)."""
    return max([0] + [_text_len(v) for v in values])


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")


def _check_percent(fmt: str, args: Any) -> None:
    """``fmt % args``: the widths and the fields' count times the widest argument, bounded."""
    values = list(args.values()) if isinstance(args, dict) else \
        list(args) if isinstance(args, tuple) else [args]
    fields = _PERCENT.findall(fmt)
    width = 0
    for w, p in fields:
        if "*" in (w, p):
            raise WorkLimit("a % format takes its width from an argument ('*')")
        width = max(width, int(w or 0), int(p or 0))
    estimate = len(fmt) + len(fields) * max(width, _widest(values))
    if estimate > MAX_VALUE:
        raise _too_big("a % format", estimate)


def _check_format(fmt: str, args: Any, kwargs: Any) -> None:
    """``fmt.format(...)``: the same estimate for ``{}`` fields and their format specs."""
    width = 0
    fields = 0
    for _, field, spec, _ in string.Formatter().parse(fmt):
        if field is None:
            continue
        fields += 1
        if spec and "{" in spec:
            raise WorkLimit("a format spec takes its width from an argument ('{…}')")
        width = max([width] + [int(d) for d in re.findall(r"\d+", spec or "")])
    values = list(args) + list(kwargs.values())
    if len(values) == 1 and isinstance(values[0], dict):
        values += list(values[0].values())
    estimate = len(fmt) + fields * max(width, _widest(values))
    if estimate > MAX_VALUE:
        raise _too_big("a format", estimate)


def _check_replace(s: Any, old: Any, new: Any, count: Any = -1) -> None:
    if not isinstance(s, (str, bytes)) or not isinstance(new, (str, bytes)):
        return
    times = len(s) + 1 if not old else s.count(old)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    estimate = len(s) + times * max(len(new) - len(old or ""), 0)
    if estimate > MAX_VALUE:
        raise _too_big("a replace", estimate)


def _check_join(sep: Any, items: list[Any], what: str = "a join") -> None:
    estimate = len(str(sep)) * max(len(items) - 1, 0)
    for x in items:
        estimate += _text_len(x)
        if estimate > MAX_VALUE:
            break
    if estimate > MAX_VALUE:
        raise _too_big(what, estimate)


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and width > MAX_VALUE:
        raise _too_big(what, width)


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Bounds for the text methods that can grow a value many times over in one step; returns
    the arguments (an iterable given to ``join`` is read once, here)."""
    target = getattr(method, "__wrapped__", method)
    owner = getattr(target, "__self__", None)
    if not isinstance(owner, (str, bytes, bytearray)):
        return args
    name = getattr(target, "__name__", "")
    if name in ("center", "ljust", "rjust", "zfill"):
        _check_width(args[0] if args else kwargs.get("width"), f"str.{name}")
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
        if isinstance(size, int) and len(owner) + tabs * size > MAX_VALUE:
            raise _too_big("str.expandtabs", len(owner) + tabs * size)
    elif name == "join" and args:
        items = list(args[0])
        _check_join(owner, items)
        return (items,) + args[1:]
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else -1)
    elif name == "translate" and args and isinstance(args[0], dict):
        longest = max([1] + [len(v) for v in args[0].values() if isinstance(v, (str, bytes))])
        if len(owner) * longest > MAX_VALUE:
            raise _too_big("str.translate", len(owner) * longest)
    elif name in ("format", "format_map") and isinstance(owner, str):
        _check_format(owner, args, kwargs)
    return args


def _check_binop(op: str, left: Any, right: Any) -> None:
    seq = (str, bytes, list, tuple)
    if op == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
            and abs(left) > 1 and right * math.log2(abs(left)) > MAX_INT_BITS:
        raise WorkLimit(f"a power of more than {MAX_INT_BITS} bits")
    if op == "*":
        if isinstance(left, int) and isinstance(right, seq):
            left, right = right, left
        if isinstance(left, seq) and isinstance(right, int) and len(left) * right > MAX_VALUE:
            raise _too_big("a repetition", len(left) * right)
        if isinstance(left, int) and isinstance(right, int) \
                and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise WorkLimit(f"a product of more than {MAX_INT_BITS} bits")
    if op == "+" and isinstance(left, seq) and isinstance(right, seq) \
            and len(left) + len(right) > MAX_VALUE:
        raise _too_big("a concatenation", len(left) + len(right))
    if op == "%" and isinstance(left, str):
        _check_percent(left, right)


# -- filters: each bounded after it runs, the growing ones also before ------------------------
def _filter_precheck(name: str, value: Any, a: dict[str, Any]) -> None:
    if name == "center":
        _check_width(a.get("width"), "center")
    elif name == "indent":
        width = a.get("width", 4)
        w = width if isinstance(width, int) else len(str(width))
        text = str(value)
        if len(text) + (text.count("\n") + 1) * w > MAX_VALUE:
            raise _too_big("indent", len(text) + (text.count("\n") + 1) * w)
    elif name == "format":
        _check_percent(str(value), a.get("kwargs") or a.get("args", ()))
    elif name == "replace":
        _check_replace(str(value), a.get("old"), a.get("new"), a.get("count"))
    elif name == "wordwrap":
        width = a.get("width", 79)
        width = width if isinstance(width, int) and width > 0 else 1
        wrap = a.get("wrapstring") or "\n"
        text = str(value)
        if len(text) + (len(text) // width + 1) * len(wrap) > MAX_VALUE:
            raise _too_big("wordwrap", len(text) + (len(text) // width + 1) * len(wrap))
    elif name in ("batch", "slice"):
        _check_width(a.get("linecount", a.get("slices")), name)


_GROWING = ("center", "indent", "format", "replace", "wordwrap", "batch", "slice", "join", "sum")


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` with its result bounded, and for the filters that can grow a value many times
    over (``_GROWING``) an estimate refused before it runs."""
    if name not in _GROWING:
        @functools.wraps(func)
        def checked_filter(*args: Any, **kwargs: Any) -> Any:
            return check_value(func(*args, **kwargs), f"the filter '{name}'")

        return checked_filter
    signature = inspect.signature(func)
    data = list(signature.parameters)[1 if getattr(func, "jinja_pass_arg", None) else 0]

    @functools.wraps(func)
    def bounded_filter(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        value = bound.arguments.get(data)
        if name in ("join", "sum"):
            items = list(value or ())
            if name == "join" and not bound.arguments.get("attribute"):
                _check_join(bound.arguments.get("d", ""), items)
            elif name == "sum":
                total = sum(len(x) for x in items if isinstance(x, (list, tuple)))
                if total > MAX_VALUE:
                    raise _too_big("sum", total)
            bound.arguments[data] = items
            args, kwargs = bound.args, bound.kwargs
        else:
            _filter_precheck(name, value, bound.arguments)
        return check_value(func(*args, **kwargs), f"the filter '{name}'")

    return bounded_filter


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    if n > MAX_LIPSUM[0] or min > MAX_LIPSUM[1] or max > MAX_LIPSUM[1]:
        raise WorkLimit(f"lipsum is bounded to {MAX_LIPSUM[0]} paragraphs of "
                        f"{MAX_LIPSUM[1]} words")
    return generate_lorem_ipsum(n, html, min, max)


# -- the environment ----------------------------------------------------------------------------
def _guard(name: str, arg: nodes.Expr) -> nodes.Filter:
    """`arg` passed through the guard filter `name` (it takes the context, so Jinja never
    folds it into a constant at compile time)."""
    return nodes.Filter(arg, name, [], [], None, None, lineno=arg.lineno)


class _Guards(NodeTransformer):
    """Loops iterate through ``guard_iter``; ``~`` joins through ``guard_concat``."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802 - Jinja's visitor names
        loop: Any = self.generic_visit(node)
        loop.iter = _guard(_ITER, loop.iter)
        return loop  # type: ignore[no-any-return]

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        concat: Any = self.generic_visit(node)
        return _guard(_CONCAT, nodes.List(concat.nodes, lineno=concat.lineno))


_ITER, _CONCAT = "ajdoc_guard_iter", "ajdoc_guard_concat"


@pass_context
def _guard_iter(context: Any, iterable: Any) -> Any:
    """A loop's iterable: its length counted as steps (or each item, if it has none)."""
    b = budget()
    try:
        n = len(iterable)
    except TypeError:
        return _counted(iterable, b)
    b.step(n)
    return iterable


def _counted(iterable: Any, b: Budget) -> Iterator[Any]:
    for item in iterable:
        b.step()
        yield item


@pass_context
def _guard_concat(context: Any, parts: list[Any]) -> str:
    """``a ~ b``: bounded before the pieces are joined."""
    _check_join("", parts, "a ~ concatenation")
    return markup_join(parts) if context.eval_ctx.autoescape else str_join(parts)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with every step and every growing operation counted or bounded
    (see the module's docstring). Compile templates with ``compile_template``."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any):
        super().__init__(finalize=self._finalize, **options)
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters.update({_ITER: _guard_iter, _CONCAT: _guard_concat})
        self.globals["lipsum"] = _lipsum

    def compile_template(self, source: str) -> Template:
        """`source` parsed, with loops and ``~`` guarded, compiled once."""
        ast = _Guards().visit(self.parse(source))
        ast.set_environment(self)
        return self.template_class.from_code(self, self.compile(ast), self.make_globals(None),
                                             None)

    # hooks Jinja calls
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return check_value(super().call_binop(context, operator, left, right),
                           f"the operator '{operator}'")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget().step(CALL_STEPS)
        args = _check_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return result if isinstance(__obj, Macro) else check_value(result, "a call")

    def concat(self, parts: Any) -> str:  # type: ignore[override]
        """Joins the output of a template, a macro or a block: its size counted first."""
        pieces = list(parts)
        b = budget()
        b.printed(sum(map(len, pieces)))
        return "".join(pieces)

    @staticmethod
    def _finalize(value: Any) -> Any:
        if isinstance(value, str):
            budget().printed(len(value))
        return value


@functools.lru_cache(maxsize=None)
def environment(autoescape: bool = True) -> BoundedSandbox:
    """The sandbox templates render in, undefined variables as errors: autoescaping for XML
    parts, not for text (document properties, written as text)."""
    return BoundedSandbox(autoescape=autoescape, undefined=StrictUndefined)
