"""The Spark job gives what one `dexflow scan --format jsonl` gives on one machine.

Runs scripts/spark/dexflow_spark.py with spark-submit on local[2] over ../shared/droidbench,
sample-apks/, a corrupt APK and a zip bomb (both made here, in a temporary directory), once
reading apps in place and once through Hadoop FS (`--fetch always`), and compares with one
`dexflow scan` of the same inputs: the set of (app, fingerprint, verdict), the records
themselves, the Parquet flow table, the summary, and `dexflow merge` of both. Also checks that a
crashing or hanging dexflow process becomes that app's error record.

Needs target/release/dexflow (or $DEXFLOW), pyspark (scripts/spark/requirements.txt) and Java.
Missing DroidBench data is a failure, never a skip.

    target/spark-venv/bin/python scripts/spark/test_equivalence.py
"""

import glob
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import dexflow_spark  # noqa: E402

DEXFLOW = os.environ.get("DEXFLOW", os.path.join(ROOT, "target", "release", "dexflow"))
DROIDBENCH = os.path.abspath(
    os.environ.get("DROIDBENCH", os.path.join(ROOT, "..", "shared", "droidbench"))
)
SAMPLES = os.path.join(ROOT, "sample-apks")
SPARK_SUBMIT = os.path.join(os.path.dirname(sys.executable), "spark-submit")


def write_zip_bomb(path, gib=2.5):
    """One `classes.dex` entry of `gib` GiB of zeros (over dexflow's default 2 GiB inflate
    cap) in ~2.6 MB: a 1 MiB full-flush deflate block repeated, then an empty final block."""
    mib = 1 << 20
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(bytes(mib)) + c.flush(zlib.Z_FULL_FLUSH)
    n = int(gib * 1024)
    data = block * n + b"\x03\x00"
    crc = 0
    zeros = bytes(mib)
    for _ in range(n):
        crc = zlib.crc32(zeros, crc)
    size = n * mib
    name = b"classes.dex"
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size, len(name), 0, 0, 0, 0, 0, 0,
    )
    cd_offset = len(local) + len(name) + len(data)
    cd = central + name
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cd), cd_offset, 0)
    with open(path, "wb") as f:
        f.write(local + name + data + cd + eocd)


def write_corrupt_apk(path):
    """A real sample APK cut short: its central directory is gone."""
    with open(os.path.join(SAMPLES, "imei-sms.apk"), "rb") as f:
        head = f.read(3000)
    with open(path, "wb") as f:
        f.write(head)


def app_records(lines):
    return {
        r["input"]: r for r in (json.loads(line) for line in lines if line.strip()) if r["type"] == "app"
    }


def triples(records):
    return {
        (r["input"], f["fingerprint"], f["disclosure"]["verdict"])
        for r in records.values()
        for f in r["flows"]
    }


def read_lines(pattern):
    lines = []
    for p in sorted(glob.glob(pattern)):
        with open(p, encoding="utf-8") as f:
            lines.extend(f.read().splitlines())
    return lines


class Wrapper(unittest.TestCase):
    """The per-app wrapper the executors run, on real and on failing processes."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dexflow-wrap-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def fake(self, body):
        path = os.path.join(self.tmp, "dexflow")
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, 0o755)
        return path

    def test_a_crash_is_that_apps_error_record(self):
        line, _ = dexflow_spark.run_app(self.fake("kill -SEGV $$"), "x.apk", "x.apk", 5, 10)
        r = json.loads(line)
        self.assertEqual((r["input"], r["status"], r["flows"]), ("x.apk", "error", []))
        self.assertIn("SIGSEGV", r["errors"][0])

    def test_a_hang_is_killed_and_is_an_error_record(self):
        line, _ = dexflow_spark.run_app(self.fake("exec sleep 30"), "x.apk", "x.apk", 1, 1.5)
        r = json.loads(line)
        self.assertEqual(r["status"], "error")
        self.assertIn("killed after 1.5 s", r["errors"][0])

    def test_no_record_is_an_error_record(self):
        line, _ = dexflow_spark.run_app(self.fake("echo oops >&2; exit 2"), "x", "x", 5, 10)
        self.assertIn("oops", json.loads(line)["errors"][0])

    def test_past_the_memory_cap_the_app_alone_is_an_error_record(self):
        real = os.path.join(ROOT, "..", "shared", "real-apks")
        big = os.path.join(real, "appium-espresso-server-androidTest.apk")
        self.assertTrue(os.path.isfile(big), f"{big} missing (../shared/real-apks)")
        line, _ = dexflow_spark.run_app(DEXFLOW, big, big, 120, 300, max_memory_mb=100)
        r = json.loads(line)
        self.assertEqual(r["status"], "error")
        self.assertIn("SIGABRT", r["errors"][0])
        line, _ = dexflow_spark.run_app(DEXFLOW, big, big, 120, 300, max_memory_mb=2048)
        self.assertEqual(json.loads(line)["status"], "ok", "its peak RSS is ~180 MB")

    def test_error_record_has_the_shape_dexflow_writes(self):
        apk = os.path.join(self.tmp, "bad.apk")
        with open(apk, "wb") as f:
            f.write(b"not a zip")
        out = subprocess.run(
            [DEXFLOW, "scan", "--format", "jsonl", apk], capture_output=True, text=True
        ).stdout.splitlines()[0]
        mine = dexflow_spark.error_record(apk, json.loads(out)["errors"][0])
        self.assertEqual(mine, out)

    def test_a_real_record_passes_through_unchanged(self):
        apk = os.path.join(SAMPLES, "contacts-http.apk")
        line, tool = dexflow_spark.run_app(DEXFLOW, apk, apk, 120, 300)
        cli = subprocess.run(
            [DEXFLOW, "scan", "--format", "jsonl", apk], capture_output=True, text=True
        ).stdout.splitlines()
        self.assertEqual(line, cli[0])
        self.assertEqual(tool["name"], "dexflow")
        self.assertTrue(json.loads(line)["flows"], "the sample has flows")


class Equivalence(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(os.path.join(DROIDBENCH, "apk")):
            raise AssertionError(f"DroidBench data missing at {DROIDBENCH} (../shared/droidbench)")
        cls.tmp = tempfile.mkdtemp(prefix="dexflow-spark-test-")
        cls.corrupt = os.path.join(cls.tmp, "bad", "corrupt.apk")
        cls.bomb = os.path.join(cls.tmp, "bad", "zip-bomb.apk")
        os.makedirs(os.path.dirname(cls.corrupt))
        write_corrupt_apk(cls.corrupt)
        write_zip_bomb(cls.bomb)
        inputs = [DROIDBENCH, SAMPLES, cls.corrupt, cls.bomb]
        cli = os.path.join(cls.tmp, "cli.jsonl")
        done = subprocess.run(
            [DEXFLOW, "scan", "--format", "jsonl", "--fail-on", "never", "-o", cli, *inputs],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2, f"two bad inputs give exit 2: {done.stderr}"
        with open(cli, encoding="utf-8") as f:
            cls.cli_lines = f.read().splitlines()
        cls.cli = app_records(cls.cli_lines)
        cls.out = {}
        for mode in ("remote", "always"):
            out = os.path.join(cls.tmp, f"spark-{mode}")
            cmd = [
                SPARK_SUBMIT,
                "--master", "local[2]",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.ui.showConsoleProgress=false",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.driver.host=127.0.0.1",
                "--files", DEXFLOW,
                os.path.join(HERE, "dexflow_spark.py"),
                "--out", out, "--fetch", mode,
                # the name shipped with --files: executors find it through SparkFiles
                "--dexflow", os.path.basename(DEXFLOW),
                *inputs,
            ]
            env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
            run = subprocess.run(cmd, capture_output=True, text=True, env=env)
            assert run.returncode == 0, f"spark-submit ({mode}) failed:\n{run.stderr[-4000:]}"
            cls.out[mode] = out

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def spark_records(self, mode):
        return app_records(read_lines(os.path.join(self.out[mode], "apps", "part-*")))

    def test_inputs_are_the_whole_corpus(self):
        self.assertGreaterEqual(len(self.cli), 141 + 17 + 2)

    def test_same_app_fingerprint_verdict_set(self):
        for mode in self.out:
            spark = self.spark_records(mode)
            self.assertEqual(set(spark), set(self.cli), mode)
            self.assertEqual(triples(spark), triples(self.cli), mode)
        self.assertGreater(len(triples(self.cli)), 50, "the corpus has flows")

    def test_records_are_identical(self):
        for mode in self.out:
            spark = self.spark_records(mode)
            for name, record in self.cli.items():
                self.assertEqual(spark[name], record, f"{mode}: {name}")

    def test_one_record_per_app(self):
        lines = read_lines(os.path.join(self.out["remote"], "apps", "part-*"))
        self.assertEqual(len(lines), len(self.cli))
        self.assertEqual([json.loads(x)["input"] for x in lines], sorted(self.cli))

    def test_bad_inputs_are_error_records(self):
        for mode in self.out:
            spark = self.spark_records(mode)
            for bad, why in ((self.corrupt, "not a zip"), (self.bomb, "inflate cap")):
                r = spark[bad]
                self.assertEqual(r["status"], "error", f"{mode}: {bad}")
                self.assertIn(why, r["errors"][0])
                self.assertIn(bad, r["errors"][0])

    def test_summary_matches(self):
        cli = json.loads(self.cli_lines[-1])
        self.assertEqual(cli["type"], "summary")
        spark = read_lines(os.path.join(self.out["remote"], "summary", "part-*"))
        self.assertEqual([json.loads(x) for x in spark], [cli])

    def test_merge_of_parts_equals_merge_of_one_scan(self):
        merged = []
        for name, inputs in (
            ("a.jsonl", sorted(glob.glob(os.path.join(self.out["remote"], "apps", "part-*")))),
            ("b.jsonl", [os.path.join(self.tmp, "cli.jsonl")]),
        ):
            path = os.path.join(self.tmp, name)
            run = subprocess.run([DEXFLOW, "merge", path, *inputs], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            with open(path, encoding="utf-8") as f:
                merged.append(f.read())
        self.assertEqual(merged[0], merged[1])

    def test_parquet_has_one_row_per_flow(self):
        from pyspark.sql import SparkSession

        spark = (
            SparkSession.builder.master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate()
        )
        try:
            df = spark.read.parquet(os.path.join(self.out["remote"], "flows.parquet"))
            cols = set(df.columns)
            for c in ("app", "package", "version", "source_category", "sink_category",
                      "destination", "sdk", "verdict", "fingerprint"):
                self.assertIn(c, cols)
            rows = df.select("app", "fingerprint", "verdict").collect()
            self.assertEqual(len(rows), sum(len(r["flows"]) for r in self.cli.values()))
            self.assertEqual({tuple(r) for r in rows}, triples(self.cli))
        finally:
            spark.stop()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed or not result.wasSuccessful() else 0)
