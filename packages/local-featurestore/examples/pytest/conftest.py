"""pytest fixtures: one local Feature Store per test session, and boto3 clients for it.

The store is the `local-featurestore` command (`npm install --save-dev local-featurestore`),
started on a free port, in memory and empty; its first stdout line is JSON with the endpoint and
keys. LOCAL_FEATURESTORE_COMMAND overrides the command (default: npx --no-install
local-featurestore).
"""

import json
import os
import shlex
import signal
import subprocess
import threading

import boto3
import pytest

STARTUP_TIMEOUT_SECONDS = 60


def _start_command():
    base = shlex.split(os.environ.get("LOCAL_FEATURESTORE_COMMAND", "npx --no-install local-featurestore"))
    return base + ["--port", "0", "--data-dir", ":memory:", "--empty", "--quiet"]


@pytest.fixture(scope="session")
def feature_store():
    """Starts the store; yields its JSON line (endpoint, region, accessKeyId, secretAccessKey, ...)."""
    # A session of its own: npx does not pass signals on to the command it runs, so the
    # whole process group is stopped at the end.
    process = subprocess.Popen(
        _start_command(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    )
    first_line = []
    reader = threading.Thread(target=lambda: first_line.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(STARTUP_TIMEOUT_SECONDS)
    if not first_line or not first_line[0]:
        os.killpg(process.pid, signal.SIGKILL)
        raise RuntimeError(f"local-featurestore did not start (exit code {process.poll()})")
    info = json.loads(first_line[0])
    yield info
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _client(service, info):
    return boto3.client(
        service,
        endpoint_url=info["endpoint"],
        region_name=info["region"],
        aws_access_key_id=info["accessKeyId"],
        aws_secret_access_key=info["secretAccessKey"],
    )


@pytest.fixture(scope="session")
def sagemaker(feature_store):
    return _client("sagemaker", feature_store)


@pytest.fixture(scope="session")
def featurestore_runtime(feature_store):
    return _client("sagemaker-featurestore-runtime", feature_store)
