#!/usr/bin/env bash
# One command for a Spark scan with this checkout's dexflow and venv:
#   scripts/spark/scan.sh --out OUT INPUT...        (options: scripts/spark/dexflow_spark.py -h)
# SPARK_MASTER (default local[2]), DEXFLOW_BIN (default target/release/dexflow) and
# DEXFLOW_SPARK_VENV (default target/spark-venv, made by .ci/run) override the defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=${DEXFLOW_SPARK_VENV:-$root/target/spark-venv}
bin=${DEXFLOW_BIN:-$root/target/release/dexflow}
# spark-submit finds its Spark home and the workers' Python through this
export PYSPARK_PYTHON=${PYSPARK_PYTHON:-$venv/bin/python}
exec "$venv/bin/spark-submit" --master "${SPARK_MASTER:-local[2]}" \
  --conf spark.ui.showConsoleProgress=false \
  --files "$bin" "$root/scripts/spark/dexflow_spark.py" --dexflow "$(basename "$bin")" "$@"
