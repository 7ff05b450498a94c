"""Validates a JSONL file of request documents with PySpark, one validate_many call per Arrow
batch, and writes one row per violation and warning plus the counts per code.

    spark-submit spark_validate.py requests.jsonl out/          # on a cluster (see README.md)
    python spark_validate.py requests.jsonl out/ --master 'local[2]'

Writes:
- ``out/violations/``: Parquet, one row per violation or warning: ``line`` (the document's line
  in the input, from 1), ``severity`` (``error`` for Helix's codes, ``warning`` for the crate's),
  ``code``, ``path``; and one row per document that could not be evaluated, with ``code`` null
  and the reason in ``error``.
- ``out/counts/``: JSON lines ``{"code", "name", "severity", "count"}`` in code order, the shape
  of the command line's ``check --jsonl --statistics --format json``.

Lines are numbered on the JVM side (Spark's text source keeps a file's lines in partition
order), so no document passes through Python twice.
"""

import argparse
import json
import sys
from typing import Iterator, List, Optional

import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

VIOLATION_SCHEMA = "line long, severity string, code int, path string, error string"

# monotonically_increasing_id() is (partition index << 33) + position within the partition.
POSITION_BITS = 33


def numbered_lines(spark: SparkSession, path: str) -> DataFrame:
    """The file's lines as ``(line, value)``, ``line`` counted from 1 across partitions."""
    raw = spark.read.text(path).select(
        F.spark_partition_id().alias("part"),
        F.monotonically_increasing_id().alias("mid"),
        "value",
    )
    raw = raw.withColumn("pos", F.col("mid").bitwiseAND(F.lit((1 << POSITION_BITS) - 1)))
    # One small row per partition, gathered on the driver: where each partition's lines start.
    sizes = sorted((r["part"], r["n"]) for r in raw.groupBy("part").agg(F.count(F.lit(1)).alias("n")).collect())
    offsets, start = [], 0
    for part, n in sizes:
        offsets.append((part, start))
        start += n
    starts = spark.createDataFrame(offsets, "part int, offset long")
    return raw.join(F.broadcast(starts), "part").select((F.col("offset") + F.col("pos") + 1).alias("line"), "value")


def validate_batches(today: Optional[str]):
    """The mapInArrow function: one validate_many call per Arrow batch."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        # Imported on the executor, where the wheel is installed.
        import helix_customer_rules as hcr

        for batch in batches:
            lines: List[int] = batch.column("line").to_pylist()
            docs: List[str] = batch.column("value").to_pylist()
            results = hcr.validate_many(docs, today=today)
            out_line, out_sev, out_code, out_path, out_err = [], [], [], [], []
            for line, result in zip(lines, results):
                if "error" in result:
                    out_line.append(line)
                    out_sev.append(None)
                    out_code.append(None)
                    out_path.append(None)
                    out_err.append(result["error"])
                    continue
                for severity, found in (("error", result["violations"]), ("warning", result["warnings"])):
                    for v in found:
                        out_line.append(line)
                        out_sev.append(severity)
                        out_code.append(v["code"])
                        out_path.append(v["path"])
                        out_err.append(None)
            yield pa.RecordBatch.from_arrays(
                [
                    pa.array(out_line, pa.int64()),
                    pa.array(out_sev, pa.string()),
                    pa.array(out_code, pa.int32()),
                    pa.array(out_path, pa.string()),
                    pa.array(out_err, pa.string()),
                ],
                names=["line", "severity", "code", "path", "error"],
            )

    return run


def counts_per_code(spark: SparkSession, violations: DataFrame) -> DataFrame:
    """``{code, name, severity, count}`` per code found, in code order."""
    import helix_customer_rules as hcr

    names = spark.createDataFrame([(r["code"], r["name"]) for r in hcr.rules()], "code int, name string")
    return (
        violations.where(F.col("code").isNotNull())
        .groupBy("code", "severity")
        .agg(F.count(F.lit(1)).alias("count"))
        .join(F.broadcast(names), "code", "left")
        .select("code", "name", "severity", "count")
        .orderBy("code")
    )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSONL file (or directory) of request documents")
    parser.add_argument("output", help="directory for violations/ and counts/")
    parser.add_argument("--master", help="Spark master, e.g. local[2] (spark-submit sets it)")
    parser.add_argument(
        "--today", help="YYYY-MM-DD for documents without context.today (default: each executor's local day)"
    )
    parser.add_argument("--batch", type=int, default=10_000, help="documents per validate_many call")
    args = parser.parse_args(argv)

    builder = SparkSession.builder.appName("helix-customer-rules")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch)).getOrCreate()
    try:
        violations = numbered_lines(spark, args.input).mapInArrow(validate_batches(args.today), VIOLATION_SCHEMA)
        # Validated once; both outputs read the saved rows.
        violations.write.mode("overwrite").parquet(f"{args.output}/violations")
        saved = spark.read.parquet(f"{args.output}/violations")
        counts = counts_per_code(spark, saved)
        counts.coalesce(1).write.mode("overwrite").json(f"{args.output}/counts")
        for row in counts.collect():
            print(json.dumps(row.asDict()))
        errors = saved.where(F.col("error").isNotNull()).count()
        if errors:
            print(f"{errors} documents could not be evaluated (rows with an error)", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
