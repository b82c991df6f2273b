"""The README's Python example, run as written (from the repository root, the store in a temporary folder): it
prints what the README says it prints. `...` in the README's output matches any digits."""
import contextlib
import io
import os
import re

from conftest import ROOT


def readme_example():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("<!-- python-example")
    code = re.search(r"```python\n(.*?)```", text[start:], re.S).group(1)
    output = re.search(r"prints\n\n```\n(.*?)```", text[start:], re.S).group(1)
    return code, output


def test_readme_example_prints_what_the_readme_says(tmp_path):
    code, expected = readme_example()
    code = code.replace('"samples/', f'"{ROOT}/samples/').replace('"results.sqlite"', f'"{tmp_path}/results.sqlite"')
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    pattern = "".join(re.escape(part) + (r"\d*" if k < len(expected.split("...")) - 1 else "")
                      for k, part in enumerate(expected.split("...")))
    assert re.fullmatch(pattern, out.getvalue()), out.getvalue()
