"""Scan a corpus of Android apps with dexflow on Apache Spark.

Why it exists: one machine does not keep up with 10^4-10^6 apps; this job spreads them over a
Spark cluster and writes the same per-app records `dexflow scan --format jsonl` writes, plus a
Parquet table with one row per flow and the run summary.

How: the driver lists the inputs through Hadoop FS (local files, HDFS, S3 via s3a), sorts them
and cuts them into small groups (one Spark task each, visible in the Spark UI). A task runs one
`dexflow scan --format jsonl` process per app, with dexflow's own taint budget (`--timeout`,
past it the app is `partial`) and a wall-clock kill (`--kill-after`). It must never lose an app:
a crash, kill, unreadable input or missing record becomes that app's `error` record and the
task goes on with its neighbours. It never edits a record dexflow wrote, except to put the
original URI back where an app had to be copied from a remote file system.

Run: see README.md ("Corpus scans") and docs/distributed.md.
"""

import argparse
import functools
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

APP_EXTENSIONS = (".apk", ".apks", ".xapk", ".aab", ".dex")
# files dexflow reads beside NAME.apk (src/disclosure/mod.rs discover_beside)
SIDECARS = ("disclosure.toml", "datasafety.csv", "policy.txt", "policy.html")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="dexflow_spark.py",
        description="dexflow scan over a corpus on Spark: JSONL records, Parquet flows, summary",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        help="directory (walked recursively for .apk/.apks/.xapk/.aab/.dex), app file, or text "
        "file listing one app path or URI per line; any Hadoop FS URI (file:, hdfs:, s3a:)",
    )
    p.add_argument("--out", required=True, help="output directory (Hadoop FS URI or path)")
    p.add_argument("--overwrite", action="store_true", help="replace an existing --out")
    p.add_argument(
        "--dexflow",
        default="dexflow",
        help="the dexflow binary: an absolute path present on every executor, or the name of "
        "a file shipped with spark-submit --files (default: dexflow, i.e. --files "
        "target/release/dexflow)",
    )
    p.add_argument("--timeout", type=int, default=120, help="dexflow --timeout per app, seconds")
    p.add_argument(
        "--kill-after",
        type=float,
        default=None,
        help="wall-clock seconds before an app's dexflow process is killed (default: 2 x "
        "--timeout + 60; the app gets an error record)",
    )
    p.add_argument(
        "--max-memory-mb",
        type=int,
        default=0,
        help="address-space limit per dexflow process (0: none); past it the app is an error",
    )
    p.add_argument("--apps-per-task", type=int, default=4, help="apps in one Spark task")
    p.add_argument(
        "--scan-arg",
        action="append",
        default=[],
        help="extra argument for dexflow scan, repeatable (e.g. --scan-arg=--rules=broad)",
    )
    p.add_argument(
        "--fetch",
        choices=("remote", "always"),
        default="remote",
        help="read apps through Hadoop FS onto the executor: only non-local URIs (default), "
        "or always (also file: URIs, e.g. on a cluster without a shared file system)",
    )
    p.add_argument("--master", help="Spark master when run without spark-submit (local[2])")
    return p.parse_args(argv)


# ---- executor side: one app -> one record -------------------------------------------------


def error_record(input_name, message):
    """The record `AppReport::failed` serializes to, field for field."""
    return json.dumps(
        {
            "type": "app",
            "input": input_name,
            "package": None,
            "status": "error",
            "errors": [message],
            "warnings": [],
            "flows": [],
            "findings": [],
            "sdks": [],
            "suppressed": 0,
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def _limit_memory(mb):
    def apply():
        import resource

        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply if mb > 0 else None


def run_app(dexflow, local_path, input_name, timeout, kill_after, max_memory_mb=0, extra=()):
    """Runs dexflow on one app file; returns (record line, tool dict or None). Never raises."""
    cmd = [dexflow, "--threads", "1", "scan", "--format", "jsonl", "--fail-on", "never"]
    cmd += ["--timeout", str(timeout), *extra, local_path]
    try:
        done = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=kill_after,
            preexec_fn=_limit_memory(max_memory_mb),
        )
    except subprocess.TimeoutExpired:
        return (
            error_record(
                input_name,
                f"{input_name}: dexflow killed after {kill_after:g} s wall clock "
                f"(taint budget --timeout {timeout} s)",
            ),
            None,
        )
    except OSError as e:
        return error_record(input_name, f"{input_name}: cannot run dexflow {dexflow}: {e}"), None
    apps, tool = [], None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith('{"type":"app"'):
            apps.append(line)
        elif line.startswith('{"type":"summary"'):
            try:
                tool = json.loads(line).get("tool")
            except ValueError:
                pass
    if done.returncode < 0:
        try:
            name = signal.Signals(-done.returncode).name
        except ValueError:
            name = str(-done.returncode)
        hint = " (out of memory?)" if name in ("SIGKILL", "SIGABRT") else ""
        return (
            error_record(input_name, f"{input_name}: dexflow died of {name}{hint}"),
            tool,
        )
    if len(apps) != 1:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        return (
            error_record(
                input_name,
                f"{input_name}: dexflow exited {done.returncode} with {len(apps)} records: "
                + " / ".join(tail),
            ),
            tool,
        )
    return apps[0], tool


def _executor_dexflow(configured):
    """An absolute path that exists on the executor, else a file of that name shipped with
    spark-submit --files (SparkFiles), made executable."""
    if os.path.isabs(configured) and os.path.isfile(configured):
        return configured
    from pyspark import SparkFiles

    path = SparkFiles.get(os.path.basename(configured))
    if not os.path.isfile(path):
        raise OSError(f"{configured} is neither a file on this executor nor in SparkFiles")
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            # read-only SparkFiles directory: run a private executable copy
            private = os.path.join(tempfile.mkdtemp(prefix="dexflow-bin-"), "dexflow")
            shutil.copy(path, private)
            os.chmod(private, 0o755)
            path = private
    return path


def _local_path(uri):
    """`file:/x` or `/x` -> `/x`; None for other schemes."""
    if uri.startswith("file:"):
        rest = uri[len("file:") :]
        while rest.startswith("//"):
            rest = rest[1:]
        return rest
    if "://" not in uri and ":" not in uri.split("/", 1)[0]:
        return uri
    return None


def _scan_one(settings, dexflow, input_name, local, workdir=None, uri=None):
    try:
        line, tool = run_app(
            dexflow,
            local,
            input_name,
            settings["timeout"],
            settings["kill_after"],
            settings["max_memory_mb"],
            settings["extra"],
        )
    except Exception as e:  # noqa: BLE001 - every failure becomes this app's record
        return error_record(input_name, f"{input_name}: {e}"), None
    if workdir is not None:
        line = _restore_names(line, workdir, uri)
    return line, tool


def scan_local(settings, items):
    """mapPartitions (with functools.partial): (input, path) of apps on a local or shared
    POSIX file system -> (input, record line, tool). dexflow reads the app and its disclosures
    in place."""
    dexflow = None
    for input_name, path in items:
        try:
            dexflow = dexflow or _executor_dexflow(settings["dexflow"])
        except Exception as e:  # noqa: BLE001
            yield input_name, error_record(input_name, f"{input_name}: no dexflow: {e}"), None
            continue
        yield (input_name, *_scan_one(settings, dexflow, input_name, path))


def scan_fetched(settings, items):
    """mapPartitions (with functools.partial): (app uri, [(file name, bytes)]) read through
    Hadoop FS -> records. The app and its disclosures are written under their own names into a
    private directory."""
    dexflow = None
    for uri, files in items:
        input_name = _record_name(uri)
        try:
            dexflow = dexflow or _executor_dexflow(settings["dexflow"])
        except Exception as e:  # noqa: BLE001
            yield input_name, error_record(input_name, f"{input_name}: no dexflow: {e}"), None
            continue
        workdir = tempfile.mkdtemp(prefix="dexflow-app-")
        try:
            app_file = None
            for name, data in files:
                with open(os.path.join(workdir, name), "wb") as f:
                    f.write(data)
                if name == _base_name(uri):
                    app_file = os.path.join(workdir, name)
            if app_file is None:
                line, tool = error_record(input_name, f"{input_name}: not read"), None
            else:
                line, tool = _scan_one(settings, dexflow, input_name, app_file, workdir, uri)
        except OSError as e:
            line, tool = error_record(input_name, f"{input_name}: cannot stage: {e}"), None
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        yield input_name, line, tool


def _base_name(uri):
    return uri.rstrip("/").rsplit("/", 1)[-1]


def _parent(uri):
    return uri.rstrip("/").rsplit("/", 1)[0]


def sidecars_of(uri):
    """URIs of the disclosure files dexflow would read beside this app."""
    stem = _base_name(uri).rsplit(".", 1)[0]
    return [f"{_parent(uri)}/{stem}.{suffix}" for suffix in SIDECARS]


def _restore_names(line, workdir, uri):
    """Puts the original location back where dexflow printed the private copy's path."""
    local_dir = json.dumps(workdir + "/")[1:-1]
    return line.replace(local_dir, json.dumps(_parent(_record_name(uri)) + "/")[1:-1])


# ---- driver side ---------------------------------------------------------------------------


def list_inputs(spark, inputs, fetch):
    """Input arguments -> sorted, de-duplicated apps: (record input name, uri, sidecar uris).
    Sidecars (disclosure files beside the app) are only looked up for apps that are fetched."""
    sc = spark.sparkContext
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    apps = {}
    listed = set()
    unlisted = set()

    def qualify(text):
        p = jvm.org.apache.hadoop.fs.Path(text)
        return p.getFileSystem(conf).makeQualified(p).toString()

    for arg in inputs:
        path = jvm.org.apache.hadoop.fs.Path(arg)
        fs = path.getFileSystem(conf)
        if not fs.exists(path):
            sys.exit(f"dexflow_spark: {arg}: no such file or directory")
        if fs.getFileStatus(path).isDirectory():
            it = fs.listFiles(path, True)
            while it.hasNext():
                f = it.next()
                if not f.isFile():
                    continue
                uri = f.getPath().toString()
                listed.add(uri)
                if uri.lower().endswith(APP_EXTENSIONS):
                    apps[_record_name(uri)] = uri
        elif arg.lower().endswith(APP_EXTENSIONS):
            uri = qualify(arg)
            apps[_record_name(uri)] = uri
            unlisted.add(uri)
        else:
            for line in sc.textFile(arg).collect():
                line = line.strip()
                if line and not line.startswith("#"):
                    uri = qualify(line)
                    apps[_record_name(uri)] = uri
                    unlisted.add(uri)
    out = []
    for name, uri in sorted(apps.items()):
        sides = []
        if fetch(uri):
            for side in sidecars_of(uri):
                if side in listed:
                    sides.append(side)
                elif uri in unlisted:
                    p = jvm.org.apache.hadoop.fs.Path(side)
                    if p.getFileSystem(conf).isFile(p):
                        sides.append(side)
        out.append((name, uri, sides))
    return out


def _record_name(uri):
    """The `input` of an app's record: the local path for local files (as `dexflow scan`
    prints it when given absolute paths), else the URI."""
    local = _local_path(uri)
    return local if local is not None else uri


FLOW_FIELDS = [
    ("app", "string"),
    ("package", "string"),
    ("version", "string"),
    ("status", "string"),
    ("source_category", "string"),
    ("source_api", "string"),
    ("sink_category", "string"),
    ("sink_api", "string"),
    ("sink_method", "string"),
    ("destination", "string"),
    ("sdk", "string"),
    ("sdk_company", "string"),
    ("verdict", "string"),
    ("verdict_code", "string"),
    ("fingerprint", "string"),
]


def flow_rows(line):
    """One app record -> one tuple per flow (FLOW_FIELDS order, then data_types)."""
    app = json.loads(line)
    for f in app.get("flows", []):
        sdk = f.get("sdk") or {}
        yield (
            app["input"],
            app.get("package"),
            app.get("version_name"),
            app["status"],
            f["source"]["category"],
            f["source"]["api"],
            f["sink"]["category"],
            f["sink"]["api"],
            f["sink"]["site"]["method"],
            f.get("destination"),
            sdk.get("id"),
            sdk.get("company"),
            f["disclosure"]["verdict"],
            f["disclosure"]["code"],
            f["fingerprint"],
            f.get("data_types", []),
        )


# `VerdictKind` in src/disclosure/verdict.rs, in the order `Summary::by_verdict` serializes them;
# a verdict this list does not know yet is still counted (under its own name, sorted in).
VERDICTS = (
    "contradicted",
    "disclosed",
    "returned-to-issuer",
    "shared-undeclared",
    "undisclosed",
    "vague",
)


def destination_host(dest):
    """The host a destination names, as `destination_host` in src/report/model.rs."""
    scheme, sep, rest = dest.partition("://")
    if not sep:
        scheme, rest = None, dest
    elif not scheme or not all(c.isascii() and (c.isalnum() or c in "+-.") for c in scheme):
        return None
    end = min([i for i in (rest.find(c) for c in "/?#") if i >= 0], default=len(rest))
    if scheme is None and end < len(rest):
        return None
    authority = rest[:end].rpartition("@")[2]
    host, colon, port = authority.rpartition(":")
    has_port = bool(colon and port and port.isascii() and port.isdigit())
    if not has_port:
        host = authority
    octets = host.split(".")
    ipv4 = len(octets) == 4 and all(o.isascii() and o.isdigit() and len(o) <= 3 for o in octets)
    if scheme is None and not has_port and not ipv4:
        return None
    ok = (
        "." in host
        and not host.startswith(".")
        and not host.endswith(".")
        and all(c.isascii() and (c.isalnum() or c in "-.*") for c in host)
    )
    return host if ok else None


def summarize(line):
    """One app record -> the `Summary` counts it contributes (src/report/model.rs)."""
    app = json.loads(line)
    s = {k: 0 for k in ("apps", "apps_ok", "apps_partial", "apps_error", "flows")}
    s["apps"] = 1
    s["apps_" + app["status"]] = 1
    s["flows"] = len(app.get("flows", []))
    s["by_verdict"] = {v: 0 for v in VERDICTS}
    for f in app.get("flows", []):
        v = f["disclosure"]["verdict"]
        s["by_verdict"][v] = s["by_verdict"].get(v, 0) + 1
    s["findings"] = len(app.get("findings", []))
    s["suppressed"] = app.get("suppressed", 0)
    net = [f for f in app.get("flows", []) if f["sink"]["category"] == "network"]
    s["network_flows"] = len(net)
    s["network_flows_with_host"] = sum(
        1 for f in net if f.get("destination") and destination_host(f["destination"])
    )
    return s


def add_summaries(a, b):
    """Field by field, in `Summary`'s serde order."""
    return {
        k: (
            {v: a[k].get(v, 0) + b[k].get(v, 0) for v in sorted(set(a[k]) | set(b[k]))}
            if k == "by_verdict"
            else a[k] + b[k]
        )
        for k in a
    }


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    builder = SparkSession.builder.appName("dexflow scan")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")  # progress is in the Spark UI; this job prints its own totals
    # Executors import this file as a module, so tasks carry references to its functions
    # rather than pickled copies of `__main__` (that cost ~1 s per task to unpickle).
    sc.addPyFile(os.path.abspath(__file__))
    import dexflow_spark as job
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    out = jvm.org.apache.hadoop.fs.Path(args.out)
    out_fs = out.getFileSystem(conf)
    if out_fs.exists(out):
        if not args.overwrite:
            sys.exit(f"dexflow_spark: {args.out} exists (use --overwrite)")
        out_fs.delete(out, True)

    def fetch(uri):
        return args.fetch == "always" or _local_path(uri) is None

    apps = list_inputs(spark, args.inputs, fetch)
    if not apps:
        sys.exit("dexflow_spark: no app found in the given inputs")
    settings = {
        "dexflow": args.dexflow,
        "timeout": args.timeout,
        "kill_after": args.kill_after or 2 * args.timeout + 60,
        "max_memory_mb": args.max_memory_mb,
        "extra": list(args.scan_arg),
    }
    per_task = max(1, args.apps_per_task)
    local = [(name, _local_path(uri)) for name, uri, _ in apps if not fetch(uri)]
    fetched = [(uri, sides) for _, uri, sides in apps if fetch(uri)]
    # binaryFiles reads its argument as comma-separated Hadoop globs
    unfit = {_record_name(u) for u, _ in fetched if any(c in u for c in ",*?[]{}\\")}
    fetched = [(uri, sides) for uri, sides in fetched if _record_name(uri) not in unfit]
    sc.setJobDescription(f"dexflow scan: {len(apps)} apps, {per_task} per task")
    parts = []
    if local:
        parts.append(
            sc.parallelize(local, -(-len(local) // per_task)).mapPartitions(functools.partial(job.scan_local, settings))
        )
    if fetched:
        # the app and its disclosure files, read on the executors through Hadoop FS
        owner = {uri: uri for uri, _ in fetched}
        owner.update({side: uri for uri, sides in fetched for side in sides})
        owner_b = sc.broadcast(owner)
        tasks = -(-len(fetched) // per_task)
        files = sc.binaryFiles(",".join(sorted(owner)), minPartitions=tasks)
        parts.append(
            files.map(lambda kv: (owner_b.value.get(kv[0], kv[0]), (job._base_name(kv[0]), kv[1])))
            .groupByKey(numPartitions=tasks)
            .mapValues(list)
            .mapPartitions(functools.partial(job.scan_fetched, settings))
        )
    records = sc.union(parts) if parts else sc.emptyRDD()
    # an app the read lost (vanished between listing and reading) still gets its record
    # (records are small: a few partitions hold them, so later stages are a few tasks each)
    out_parts = -(-len(apps) // 5000)
    why = {n: f"{n}: not read (a `,` or glob character in the URI)" for n in unfit}
    names = sc.parallelize([(n, why.get(n, f"{n}: not read")) for n, _, _ in apps], out_parts)
    records = (
        names.leftOuterJoin(records.map(lambda r: (r[0], (r[1], r[2]))), out_parts)
        .map(
            lambda kv: (kv[0], *(kv[1][1] or (job.error_record(kv[0], kv[1][0]), None)))
        )
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    started = time.monotonic()
    scanned = records.count()
    took = time.monotonic() - started
    print(
        f"dexflow_spark: {scanned} apps scanned in {took:.1f} s "
        f"({scanned / max(took, 1e-9) * 60:.0f} apps/min)",
        file=sys.stderr,
    )
    base = args.out.rstrip("/")
    sc.setJobDescription("dexflow: JSONL records")
    (
        records.map(lambda r: (r[0], r[1]))
        .sortByKey(numPartitions=out_parts)
        .values()
        .saveAsTextFile(base + "/apps")
    )

    sc.setJobDescription("dexflow: Parquet flows")
    schema = StructType(
        [StructField(n, StringType(), True) for n, _ in FLOW_FIELDS]
        + [StructField("data_types", ArrayType(StringType()), True)]
    )
    flows = records.flatMap(lambda r: job.flow_rows(r[1]))
    spark.createDataFrame(flows, schema).write.parquet(base + "/flows.parquet")

    sc.setJobDescription("dexflow: summary")
    summary = records.map(lambda r: job.summarize(r[1])).reduce(job.add_summaries)
    tools = records.map(lambda r: r[2]).filter(lambda t: t is not None).take(1)
    tool = tools[0] if tools else {"name": "dexflow", "version": "unknown"}
    line = json.dumps({"type": "summary", "tool": tool, "summary": summary}, separators=(",", ":"))
    sc.parallelize([line], 1).saveAsTextFile(base + "/summary")
    print(line)
    records.unpersist()
    spark.stop()


if __name__ == "__main__":
    main()
