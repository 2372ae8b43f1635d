"""Reading a zip archive of CDA R2 documents (issue 12): time and peak memory.

Builds a zip archive of about ``--megabytes`` MB of documents (the seven ANS examples, each copy
with its own id; stored, not compressed, so that the archive's size is the documents' size, or
``--deflate``), reads it with :func:`read_documents` and prints the time, the Python peak
(``tracemalloc``, a second run) and the process's peak resident memory (``ru_maxrss``).

Memory bound: the archive is read member by member (never extracted), and only each document's
header facts are kept, so the Python peak is about the largest member's parsed tree (ElementTree
takes roughly 10 times the member's bytes) plus about 2 KB per document read; it does not grow
with the archive's size.

    python benchmarks/cda_archive.py                 # ~100 MB
    python benchmarks/cda_archive.py --megabytes 20  # quicker
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path


def build(target: Path, megabytes: int, *, deflate: bool) -> tuple[int, int]:
    """Write the archive; return (documents, bytes of documents)."""
    from segur_numerique.sun_es.documents.samples import (  # noqa: PLC0415
        SAMPLE_FILES,
        cda_samples_folder,
    )

    samples = [(cda_samples_folder() / name).read_bytes() for name in SAMPLE_FILES]
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    count = total = 0
    with zipfile.ZipFile(target, "w", method) as archive:
        while total < megabytes * 1024 * 1024:
            data = samples[count % len(samples)]
            # a distinct document id: the id root is the first `<id root="` of the header
            head, sep, tail = data.partition(b'<id root="')
            data = head + sep + f"9.9.{count}.".encode() + tail
            archive.writestr(f"docs/{count // 1000:03}/doc{count:06}.xml", data)
            count += 1
            total += len(data)
    return count, total


def main() -> int:
    """Build, read and print the measurements."""
    from segur_numerique.sun_es.documents.reading import read_documents  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--deflate", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "documents.zip"
        count, total = build(archive, args.megabytes, deflate=args.deflate)
        start = time.perf_counter()
        reading = read_documents([archive])
        elapsed = time.perf_counter() - start
        assert len(reading.records) == count, reading.errors[:3]
        tracemalloc.start()
        read_documents([archive])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = archive.stat().st_size
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        "| documents | documents MB | archive MB | time s | MB/s | Python peak MB | peak RSS MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {count} | {total / 2**20:.0f} | {size / 2**20:.0f} | {elapsed:.1f} | "
        f"{total / 2**20 / elapsed:.0f} | {peak / 2**20:.0f} | {rss:.0f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
