#!/usr/bin/env bash
# The offline demo: RootGuard against moto (the AWS emulator) when there is no AWS account.
# Builds the module, starts moto on a free loopback port, seeds what a real account would already have
# (a multi-region CloudTrail trail delivering to CloudWatch Logs), runs demo/Demo.ps1 in the pinned pwsh 7.6.9
# (dotnet-tools.json, through `dotnet pwsh`) and stops moto again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import moto.server, boto3" 2>/dev/null; then
    echo "moto server is not installed: pip install \"moto[server]\"" >&2
    exit 1
fi

echo "== restoring the pinned pwsh (dotnet tool restore)"
dotnet tool restore >/dev/null

echo "== building the module (dotnet build)"
if ! dotnet build RootGuard.PowerShell.sln -nologo -v quiet >/tmp/rootguard-demo-build.log 2>&1; then
    cat /tmp/rootguard-demo-build.log >&2
    exit 1
fi
manifest="$(pwd)/$(ls out/RootGuard/*/RootGuard.psd1 | head -n 1)"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
endpoint="http://127.0.0.1:${port}"
echo "== starting moto at ${endpoint}"
python3 tools/moto/rootguard_moto.py -H 127.0.0.1 -p "${port}" >/tmp/rootguard-demo-moto.log 2>&1 &
moto_pid=$!
trap 'kill ${moto_pid} 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "${endpoint}/moto-api/" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "${endpoint}/moto-api/" >/dev/null || { echo "moto did not start; see /tmp/rootguard-demo-moto.log" >&2; exit 1; }

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
echo "== seeding a CloudTrail trail that delivers to CloudWatch Logs (what most accounts already have)"
python3 demo/seed_account.py "${endpoint}"

echo "== running demo/Demo.ps1"
NO_COLOR=1 dotnet pwsh -NoProfile -NonInteractive -File demo/Demo.ps1 -ModulePath "${manifest}" -EndpointUrl "${endpoint}"
