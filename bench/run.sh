#!/usr/bin/env bash
# Benchmark: starts the service on Payara Micro (loopback, demo users, a throwaway database) several times, and
# measures with wrk:
#   1. and 2. on two pairs of servers running at once, one signing HS256 tokens and one RS256 tokens (the default), in
#      alternating short rounds: an unauthenticated endpoint (GET /status) against an authenticated read
#      (GET /users/me/items with a bearer token); then, on the last RS256 server, refresh-token grants at POST /token,
#      each connection exchanging its refresh token for the next (bench/refresh.lua), and client credentials grants
#      of the demo client (bench/client-credentials.lua);
#   3. logins per second (POST /token at bcrypt cost 12, 16 connections) against the raw rate of bcrypt verifications
#      that the same machine does on all cores without a server (bench/BcryptRate.java);
#   4. the RS256 authenticated read on that server, alone and then while 16 other connections flood POST /token, in two
#      alternating rounds;
#   5. the gateway: chat completions, streamed and not, through POST /v1/chat/completions to the echo application
#      (not streamed, also with an API key instead of the JWT),
#      against the same requests answered by a trivial endpoint on the same server (bench/TrivialCompletion.java at
#      /trivial/v1/chat/completions, added here to a copy of the service's WAR so that it passes the same filters and
#      token check; it is no part of the product).
#   6. (BENCH=cluster only) the RS256 authenticated read on one instance, then on two clustered instances on this
#      machine (bench/cluster.lua gives each wrk thread one instance), both on a throwaway PostgreSQL;
#   7. (BENCH=start) launch to the first answer of GET /status, on a new database and then five times on the same one;
#      the first start also records the class data archive that the five after it map, as the run command does;
#   8. (BENCH=warmup) a fresh server's authenticated read in 5 s rounds from its first request, against its warmed rate;
#   9. (BENCH=soak) reads, logins, refresh grants, completions and streams at once for SOAK_MINUTES (30), resident
#      memory sampled every 30 s into target/bench/soak.csv, charted in target/bench/soak.svg (needs gnuplot);
#  10. (BENCH=forward) an HTTP application through /apps/{id} against the same application called directly: the JDK's
#      HTTP server answering a constant, or with FORWARD_APP=fastapi a FastAPI service on one uvicorn worker;
#  11. (BENCH=flood) section 4 on its own: FLOOD_ROUNDS (3) rounds on one server, each the read alone and then the
#      read while 16 clients flood /token, with the processor time the server took in each scheduling class.
# Servers run as the run command runs them: with the JVM options of server-config/jvm.options, from a Payara Micro
# launcher (one per port, kept in target/bench/payara-micro-PORT) with a class data archive that the first start on
# that port records. EXTRA_JVM adds or overrides options (EXTRA_JVM=-Xmx256m for a smaller heap); JAVA names another
# java; CLASS_DATA=none starts without an archive, CLASS_DATA=aot uses an AOT cache instead (Java 25 and later).
# It prints requests per second and p50/p99 latency for each measurement, resident memory after each section, and
# exits 2 if a target is missed.
#
#   bench/run.sh                 defaults: 20 s per measurement after a 10 s warm-up, 16 connections, 2 wrk threads
#   DURATION=60 CONNECTIONS=32 bench/run.sh
#   BENCH=gateway DURATION=3 WARMUP=2 bench/run.sh     only section 5 (BENCH=auth: only sections 1 to 4), briefly
#   BENCH=cluster PORT2=18081 PG_PORT=18082 CLUSTER_PORT=6900 bench/run.sh      only section 6, on those ports
#   BENCH=soak SOAK_MINUTES=10 bench/run.sh                                         a shorter soak
#
# Needs wrk (apt-get install wrk), and for section 6 Debian's postgresql package. The server and wrk share the machine's cores, as they would on a small host.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
PORT2=${PORT2:-$(( PORT + 1 ))}
PG_PORT=${PG_PORT:-$(( PORT + 2 ))}
CLUSTER_PORT=${CLUSTER_PORT:-6900}
BENCH=${BENCH:-all}
SOAK_MINUTES=${SOAK_MINUTES:-30}
FLOOD_ROUNDS=${FLOOD_ROUNDS:-3}
JVM_OPTIONS=${JVM_OPTIONS:-server-config/jvm.options}
JAVA=${JAVA:-java}
CLASS_DATA=${CLASS_DATA:-cds}
read -r -a EXTRA_JVM <<< "${EXTRA_JVM:-}"
JAKARTA_API=${JAKARTA_API:-$HOME/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar}
BASE="http://127.0.0.1:${PORT}"
export THREADS

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

mvn -q -B package -DskipTests
# Measured before the server starts, so that nothing else competes for the cores.
if [ "$BENCH" = all ] || [ "$BENCH" = auth ]; then
    raw_bcrypt=$(java -cp target/torii/WEB-INF/lib/jbcrypt-0.4.jar bench/BcryptRate.java "$DURATION" 12)
fi
work=$(mktemp -d)
results=target/bench
mkdir -p "$results"
# The WAR to run: the service's, or a copy with the benchmark's baseline endpoint added.
service_war=target/torii.war
server_pid=""
cluster_pids=()
postgres=""
second_pid=""
stop() {
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill "$1"
        wait "$1" 2>/dev/null || true
    fi
}
stop_server() {
    stop "$server_pid"
    server_pid=""
}
cleanup() {
    stop_server
    stop "$second_pid"
    stop "${app_pid:-}"
    for pid in "${cluster_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -z "$postgres" ] || $postgres pg_ctl -D "$work/pg/data" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# The run command's JVM options (memory bounds and the hashing threads' priority), then any extra ones.
JVM=("@$JVM_OPTIONS" "${EXTRA_JVM[@]}")

# Starts a server on the given port with the given extra system properties, waits until it answers, and leaves its
# process id in $launched and the seconds from launch to the first answer in $launch_seconds. The database is made
# anew unless keep_data is 1.
keep_data=0
launch() {
    local port=$1
    shift
    [ "$keep_data" = 1 ] || rm -rf "$work/data-$port"
    local micro="$PWD/$results/payara-micro-$port"
    # A launcher older than Payara Micro's jar is made anew, and its archive with it.
    if [ ! "$micro/launch-micro.jar" -nt target/payara-micro.jar ]; then
        rm -rf "$micro"
        java -jar target/payara-micro.jar --rootdir "$micro" --outputlauncher > /dev/null 2>&1
    fi
    local class_data=()
    case "$CLASS_DATA" in
        cds) [ -f "$micro/torii.jsa" ] && class_data=("-XX:SharedArchiveFile=$micro/torii.jsa") \
                 || class_data=("-XX:ArchiveClassesAtExit=$micro/torii.jsa" -Xlog:cds=off) ;;
        aot) [ -f "$micro/torii.aot" ] && class_data=("-XX:AOTCache=$micro/torii.aot") \
                 || class_data=("-XX:AOTCacheOutput=$micro/torii.aot" -Xlog:aot=off -Xlog:cds=off) ;;
    esac
    # A start after a start: the launcher's folder keeps the deployment of the one before, which Payara Micro would
    # load at boot before deploying the WAR again; server-config/restart.asadmin, added to the pre-boot commands,
    # disables the kept one, so that each start deploys once.
    local preboot=server-config/loopback.asadmin
    if grep -q '<application ' "$micro/config/domain.xml" 2>/dev/null; then
        preboot=$work/restart.asadmin
        cat server-config/loopback.asadmin server-config/restart.asadmin > "$preboot"
    fi
    local started
    started=$(date +%s.%N)
    # timeout bounds a forgotten run to 40 minutes (the soak's length and more); stopping it stops the server too.
    timeout 2400 "$JAVA" "${JVM[@]}" "${class_data[@]}" -Dtorii.demo=true -Dtorii.data.dir="$work/data-$port" "$@" \
        -jar "$micro/launch-micro.jar" --nohazelcast --port "$port" \
        --prebootcommandfile "$preboot" --postbootcommandfile server-config/h2-data-dir.asadmin \
        --deploy "$service_war" --contextroot / > "$work/server-$port.log" 2>&1 &
    launched=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/status"; do
        if ! kill -0 "$launched" 2>/dev/null || [ "$(elapsed "$started")" -gt 180 ]; then
            echo "The server on port $port did not start; its log is:" >&2
            tail -50 "$work/server-$port.log" >&2
            exit 1
        fi
        sleep 0.05
    done
    launch_seconds=$(awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }')
    echo "Payara Micro answered on port $port after $launch_seconds s"
}

# Whole seconds since the given date +%s.%N.
elapsed() { awk -v s="$1" -v n="$(date +%s.%N)" 'BEGIN { printf "%d", n - s }'; }

# Resident memory in MB of the Java process of the server that timeout started as the given process.
rss_mb() {
    local java_pid
    java_pid=$(pgrep -P "$1" java)
    echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status") / 1024 ))
}

# The server that the sections measure, on PORT.
start_server() {
    launch "$PORT" "$@"
    server_pid=$launched
}

# Logs johndoe (or LOGIN_USER with LOGIN_PASSWORD) in and prints the field of the answer (access_token or
# refresh_token).
login() {
    curl -sf -X POST "$BASE/token" \
        -d "username=${LOGIN_USER:-johndoe}&password=${LOGIN_PASSWORD:-secret}&client_id=chat" \
        | sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"
}

# Prints "requests/s p50 p99" (latencies in ms) for one wrk run.
measure() {
    local seconds=$1 path=$2
    shift 2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$@" "$BASE$path" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx/ { errors = $NF }
        END { if (errors > 0) { print "non-2xx responses: " errors > "/dev/stderr"; exit 1 }
              printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}

# Two refresh tokens per connection, from logins run two at a time (each costs a bcrypt check): wrk asks a thread for
# more requests than it has connections before the first answers arrive, and a spare keeps each one supplied.
fresh_refresh_tokens() {
    : > "$work/refresh-tokens"
    local pair=()
    for i in $(seq $(( 2 * CONNECTIONS ))); do
        echo "$(login refresh_token)" >> "$work/refresh-tokens" &
        pair+=($!)
        # Waits for these logins only: a bare wait would wait for the server too.
        if (( i % 2 == 0 )); then wait "${pair[@]}"; pair=(); fi
    done
    [ ${#pair[@]} -eq 0 ] || wait "${pair[@]}"
    [ "$(grep -c . "$work/refresh-tokens")" -eq $(( 2 * CONNECTIONS )) ] || { echo "Logins failed" >&2; exit 1; }
}

export REFRESH_TOKENS="$work/refresh-tokens"

mean() { awk '{ r += $1; a += $2; b += $3 } END { printf "%.0f %.2f %.2f\n", r / NR, a / NR, b / NR }' "$1"; }

# Runs warm-up rounds until one is within 5% of the round before, at most eight: the JIT compiles a server's paths for
# minutes, and a measurement taken while it still does measures the compiler. The first argument (a function or true)
# prepares each round; the rest is the command of a round, which prints the rate first. Reports the rounds on stderr.
settle() {
    local prepare=$1 previous=0 current round
    shift
    for round in $(seq 8); do
        $prepare
        current=$("$@" | cut -d' ' -f1)
        if awk -v c="$current" -v p="$previous" 'BEGIN { exit !(c > p * 0.95 && c < p * 1.05) }'; then
            break
        fi
        previous=$current
    done
    # The command's first words only: the rest may hold a token.
    echo "${*:1:3}: steady after $round warm-up rounds ($current per second)" >&2
}

# Prints "2xx-per-second non-2xx-count" for a wrk run that may see refusals (503 from a full hashing pool). A login
# waits in the pool's queue for up to its longest wait (3 s) and then takes a hash: wrk's default timeout of 2 s would
# give up on answers the server still gives, and their hashes would count for nothing.
flood() {
    local seconds=$1 connections=$2
    wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s "$work/login.lua" "$BASE/token" | awk -v s="$seconds" '
        / requests in / { total = $1 }
        /Non-2xx/ { errors = $NF }
        END { printf "%.2f %d\n", (total - errors) / s, errors }'
}
# Sixteen users taken in turn: failures are reserved before a password is checked, so the logins of one user that may
# wait at once are as many as its free failures, and one user's flood would measure the throttle instead of the logins.
cat > "$work/login.lua" <<'LUA'
local turn = 0
request = function()
    turn = turn % 16 + 1
    return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"},
        "username=flood-" .. turn .. "&password=flood-" .. turn .. "-password")
end
LUA

# Makes the given users (the flood's by default), each with the password NAME-password, as an administrator does.
flood_users() {
    local admin name names=("$@")
    [ $# -gt 0 ] || read -r -a names <<< "$(seq -s ' ' -f 'flood-%g' 16)"
    admin=$(curl -sf -X POST "$BASE/token" -d 'username=admin&password=secretadmin&scope=admin' \
        | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
    for name in "${names[@]}"; do
        curl -sf -o /dev/null -X POST "$BASE/admin/users" -H "Authorization: Bearer $admin" \
            -H 'Content-Type: application/json' -d "{\"username\":\"$name\",\"password\":\"$name-password\"}" \
            || { echo "Could not make the user $name" >&2; exit 1; }
    done
}

# Logs in at the server at BASE and warms its public and authenticated reads; keeps the token in a file named NAME.
warm_reads() {
    local name=$1 token
    token=$(login access_token)
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE/users/me/items")" = 200 ] \
        || { echo "The token does not work" >&2; exit 1; }
    echo "$token" > "$work/$name.token"
    settle true measure "$WARMUP" /status
    settle true measure "$WARMUP" /users/me/items -H "Authorization: Bearer $token"
}

# Measures the public and the authenticated read of the server at BASE for the given seconds each, appending to the
# files NAME-public and NAME.
measure_reads() {
    local name=$1 seconds=$2
    measure "$seconds" /status >> "$work/$name-public"
    measure "$seconds" /users/me/items -H "Authorization: Bearer $(cat "$work/$name.token")" >> "$work/$name"
}

# Sections 1 to 4: tokens and logins.
auth_sections() {
    # 1 and 2. The algorithm is chosen at start, and two starts of the same server differ by more than the two
    #    algorithms do. So two pairs of servers, each an HS256 one (as the FastAPI tutorial signs) on PORT2 and an
    #    RS256 one (the default, with a key the service generates) on PORT, both running at once; once both are warm,
    #    four short rounds alternate between them, so that whatever else the machine does meanwhile falls on both.
    local base2="http://127.0.0.1:$PORT2" quarter=$(( (DURATION + 3) / 4 ))
    for pair in 1 2; do
        start_server
        launch "$PORT2" -Dtorii.token.algorithm=HS256 \
            -Dtorii.token.secret="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
        second_pid=$launched
        BASE=$base2 warm_reads hs256
        warm_reads rs256
        for round in 1 2 3 4; do
            BASE=$base2 measure_reads hs256 "$quarter"
            measure_reads rs256 "$quarter"
        done
        stop "$second_pid"
        second_pid=""
        # The last RS256 server goes on: the refresh grants fill the database and the heap, so they come after the reads.
        [ "$pair" = 2 ] || stop_server
    done
    auth=(-H "Authorization: Bearer $(cat "$work/rs256.token")")
    settle fresh_refresh_tokens measure "$WARMUP" /token -s bench/refresh.lua
    for round in 1 2; do
        fresh_refresh_tokens
        measure "$DURATION" /token -s bench/refresh.lua >> "$work/refresh"
    done
    settle true measure "$WARMUP" /token -s bench/client-credentials.lua
    measure "$DURATION" /token -s bench/client-credentials.lua > "$work/client-credentials"

    # 3. Logins: 16 clients as fast as the server lets them, after warm-up floods until steady (each path of a login
    #    runs only a few times a second, so the JIT takes minutes over them); only successful logins count. At a few
    #    per second, rounds twice the usual durations.
    flood_users
    settle true flood $(( 2 * WARMUP )) 16
    read -r logins_per_s login_refusals < <(flood $(( 2 * DURATION )) 16)
    # 4. The authenticated read alone and while 16 other connections flood /token, with a token of a new login (the
    #    refresh grants' logins passed the limit of sessions per user and ended the first ones).
    echo "$(login access_token)" > "$work/flood.token"
    flood_rounds 2
    read -r alone_rps alone_p50 alone_p99 < <(mean "$work/alone")
    read -r flooded_rps flooded_p50 flooded_p99 < <(mean "$work/flooded")
    rss=$(rss_mb "$server_pid")
    stop_server

    read -r public_rps public_p50 public_p99 < <(mean "$work/hs256-public")
    read -r public2_rps public2_p50 public2_p99 < <(mean "$work/rs256-public")
    read -r hs_rps hs_p50 hs_p99 < <(mean "$work/hs256")
    read -r rs_rps rs_p50 rs_p99 < <(mean "$work/rs256")
    read -r refresh_rps refresh_p50 refresh_p99 < <(mean "$work/refresh")
    read -r client_rps client_p50 client_p99 < <(mean "$work/client-credentials")

    printf '\n%-44s %12s %10s %10s\n' "endpoint ($CONNECTIONS connections)" "requests/s" "p50 ms" "p99 ms"
    printf '%-44s %12s %10s %10s\n' "GET /status (no token), HS256 servers" "$public_rps" "$public_p50" "$public_p99"
    printf '%-44s %12s %10s %10s\n' "GET /users/me/items (HS256 bearer token)" "$hs_rps" "$hs_p50" "$hs_p99"
    printf '%-44s %12s %10s %10s\n' "GET /status (no token), RS256 servers" "$public2_rps" "$public2_p50" \
        "$public2_p99"
    printf '%-44s %12s %10s %10s\n' "GET /users/me/items (RS256 bearer token)" "$rs_rps" "$rs_p50" "$rs_p99"
    printf '%-44s %12s %10s %10s\n' "POST /token grant_type=refresh_token (RS256)" "$refresh_rps" "$refresh_p50" "$refresh_p99"
    printf '%-44s %12s %10s %10s\n' "POST /token grant_type=client_credentials" "$client_rps" "$client_p50" "$client_p99"
    printf '%-44s %12s %10s %10s\n' "RS256 read alone, rounds between the floods" "$alone_rps" "$alone_p50" "$alone_p99"
    printf '%-44s %12s %10s %10s\n' "RS256 read while 16 clients flood /token" "$flooded_rps" "$flooded_p50" "$flooded_p99"
    ratio=$(awk -v a="$hs_rps" -v p="$public_rps" 'BEGIN { printf "%.2f", a / p }')
    rs_ratio=$(awk -v r="$rs_rps" -v h="$hs_rps" 'BEGIN { printf "%.2f", r / h }')
    printf '\nHS256 authenticated / unauthenticated throughput: %s (target at least 0.90)\n' "$ratio"
    printf 'RS256 / HS256 authenticated throughput: %s (target at least 0.90)\n' "$rs_ratio"
    printf 'refresh grants per second: %s (target at least 500)\n' "$refresh_rps"
    printf 'client credentials grants per second: %s (target at least 1000)\n' "$client_rps"
    login_ratio=$(awk -v l="$logins_per_s" -v r="$raw_bcrypt" 'BEGIN { printf "%.2f", l / r }')
    flood_p99_ratio=$(awk -v f="$flooded_p99" -v a="$alone_p99" 'BEGIN { printf "%.2f", f / a }')
    flood_rps_ratio=$(awk -v f="$flooded_rps" -v a="$alone_rps" 'BEGIN { printf "%.2f", f / a }')
    printf 'logins/s at cost 12: %s, raw bcrypt verifications/s on all cores: %s, ratio %s (target at least 0.90);' \
        "$logins_per_s" "$raw_bcrypt" "$login_ratio"
    printf ' %s logins refused with 503\n' "$login_refusals"
    printf 'RS256 read during the login flood against alone on the same server (%s and %s requests/s):' \
        "$flooded_rps" "$alone_rps"
    printf ' p99 %s times, throughput %s (targets at most 2 and at least 0.87)\n' "$flood_p99_ratio" "$flood_rps_ratio"
    flood_cpu
    printf 'server resident memory after the RS256 runs: %s MB\n' "$rss"
    awk -v r="$ratio" -v s="$rs_ratio" -v g="$refresh_rps" -v l="$login_ratio" -v p="$flood_p99_ratio" \
        -v t="$flood_rps_ratio" -v c="$client_rps" \
        'BEGIN { exit !(r >= 0.90 && s >= 0.90 && g >= 500 && c >= 1000 && l >= 0.90 && p <= 2 && t >= 0.87) }' \
        || { echo "below target" >&2; return 2; }
}

# Writes the wrk script $work/KIND.lua (and its body to $work/KIND.body) for johndoe's completions to the translator
# application, streamed or not (KIND stream or completion), with the token in the variable TOKEN.
completion_script() {
    local kind=$1 chat='{"model":"translator","messages":[{"role":"user","content":"Translate this sentence please"}]'
    local body="$chat}"
    [ "$kind" = stream ] && body="$chat,\"stream\":true}"
    echo "$body" > "$work/$kind.body"
    cat > "$work/$kind.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
LUA
}

# 5. The gateway against the trivial endpoint, with a rate limit too high to be reached but checked all the same.
gateway_section() {
    mkdir -p "$work/trivial/WEB-INF/classes"
    javac -d "$work/trivial/WEB-INF/classes" -cp "$JAKARTA_API" bench/TrivialCompletion.java
    cp target/torii.war "$work/torii.war"
    (cd "$work/trivial" && jar uf "$work/torii.war" WEB-INF)
    service_war="$work/torii.war"
    start_server -Dtorii.gateway.rate-limit=1000000000
    service_war=target/torii.war
    export TOKEN
    TOKEN=$(login access_token)
    key=$(curl -sf -X POST "$BASE/users/me/api-keys" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d '{"name":"benchmark"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')
    for kind in completion stream; do
        completion_script "$kind"
        [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/json' -d "$(cat "$work/$kind.body")" "$BASE/v1/chat/completions")" = 200 ] \
            || { echo "The gateway does not answer" >&2; exit 1; }
        settle true measure "$WARMUP" /v1/chat/completions -s "$work/$kind.lua"
        settle true measure "$WARMUP" /trivial/v1/chat/completions -s "$work/$kind.lua"
    done
    TOKEN=$key settle true measure "$WARMUP" /v1/chat/completions -s "$work/completion.lua"
    for round in 1 2; do
        for kind in completion stream; do
            measure "$DURATION" /v1/chat/completions -s "$work/$kind.lua" >> "$work/gateway-$kind"
            measure "$DURATION" /trivial/v1/chat/completions -s "$work/$kind.lua" >> "$work/trivial-$kind"
        done
        TOKEN=$key measure "$DURATION" /v1/chat/completions -s "$work/completion.lua" >> "$work/gateway-key"
    done
    local rss
    rss=$(rss_mb "$server_pid")
    stop_server
    printf '\n%-44s %12s %10s %10s\n' "endpoint ($CONNECTIONS connections, 2 x ${DURATION} s)" "requests/s" "p50 ms" \
        "p99 ms"
    local ok=1
    for kind in completion stream; do
        read -r g_rps g_p50 g_p99 < <(mean "$work/gateway-$kind")
        read -r t_rps t_p50 t_p99 < <(mean "$work/trivial-$kind")
        printf '%-44s %12s %10s %10s\n' "gateway to echo ($kind)" "$g_rps" "$g_p50" "$g_p99"
        printf '%-44s %12s %10s %10s\n' "trivial endpoint ($kind)" "$t_rps" "$t_p50" "$t_p99"
        local share
        share=$(awk -v g="$g_rps" -v t="$t_rps" 'BEGIN { printf "%.2f", g / t }')
        printf 'gateway / trivial throughput (%s): %s (target at least 0.80)\n' "$kind" "$share"
        awk -v s="$share" 'BEGIN { exit !(s >= 0.80) }' || ok=0
    done
    read -r k_rps k_p50 k_p99 < <(mean "$work/gateway-key")
    read -r j_rps j_p50 j_p99 < <(mean "$work/gateway-completion")
    printf '%-44s %12s %10s %10s\n' "gateway to echo (completion, API key)" "$k_rps" "$k_p50" "$k_p99"
    local keyed
    keyed=$(awk -v k="$k_rps" -v j="$j_rps" 'BEGIN { printf "%.2f", k / j }')
    printf 'API key / JWT throughput (completion): %s (target at least 0.95)\n' "$keyed"
    awk -v s="$keyed" 'BEGIN { exit !(s >= 0.95) }' || ok=0
    printf 'server resident memory after the gateway runs: %s MB\n' "$rss"
    [ "$ok" = 1 ] || { echo "below target" >&2; return 2; }
}

# 10. (BENCH=forward) an HTTP application through /apps/{id} against the same application called directly: a trivial
#     JSON answer from the JDK's HTTP server (bench/TrivialApi.java), or with FORWARD_APP=fastapi from a FastAPI service
#     on one uvicorn worker (bench/trivial_app.py, Debian's python3-fastapi), on APP_PORT, with a rate limit too high to
#     be reached but checked all the same.
forward_section() {
    local app_port=${APP_PORT:-$(( PORT + 3 ))}
    if [ "${FORWARD_APP:-jdk}" = fastapi ]; then
        /usr/bin/python3 -m uvicorn trivial_app:app --app-dir bench --host 127.0.0.1 --port "$app_port" \
            --log-level warning --no-access-log &
    else
        java bench/TrivialApi.java "$app_port" &
    fi
    app_pid=$!
    start_server -Dtorii.gateway.rate-limit=1000000000 -Dtorii.gateway.allowed-upstreams=127.0.0.1
    until curl -sf -o /dev/null "http://127.0.0.1:$app_port/"; do sleep 0.2; done
    local admin
    admin=$(LOGIN_USER=admin LOGIN_PASSWORD=secretadmin login access_token)
    curl -sf -o /dev/null -X POST "$BASE/admin/apps" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
        -d "{\"id\":\"faq\",\"name\":\"FAQ\",\"backend\":\"http\",\"base_url\":\"http://127.0.0.1:$app_port\"}"
    curl -sf -o /dev/null -X POST "$BASE/admin/apps/faq/grants" -H "Authorization: Bearer $admin" \
        -H 'Content-Type: application/json' -d '{"user":"johndoe"}'
    local token
    token=$(login access_token)
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE/apps/faq/answer?q=refunds")" = 200 ] \
        || { echo "The HTTP application does not answer through /apps" >&2; stop "$app_pid"; exit 1; }
    local direct="http://127.0.0.1:$app_port"
    settle true measure "$WARMUP" /apps/faq/answer?q=refunds -H "Authorization: Bearer $token"
    settle true direct_measure "$WARMUP" "$direct/answer?q=refunds"
    for round in 1 2; do
        measure "$DURATION" /apps/faq/answer?q=refunds -H "Authorization: Bearer $token" >> "$work/forward-apps"
        direct_measure "$DURATION" "$direct/answer?q=refunds" >> "$work/forward-direct"
        # One connection: the latency a call gains, without waiting behind the others.
        THREADS=1 CONNECTIONS=1 measure "$DURATION" /apps/faq/answer?q=refunds -H "Authorization: Bearer $token" \
            >> "$work/forward-apps-one"
        THREADS=1 CONNECTIONS=1 direct_measure "$DURATION" "$direct/answer?q=refunds" >> "$work/forward-direct-one"
    done
    local rss
    rss=$(rss_mb "$server_pid")
    stop_server
    stop "$app_pid"
    app_pid=""
    read -r a_rps a_p50 a_p99 < <(mean "$work/forward-apps")
    read -r d_rps d_p50 d_p99 < <(mean "$work/forward-direct")
    printf '\n%-44s %12s %10s %10s\n' "endpoint ($CONNECTIONS connections, 2 x ${DURATION} s)" "requests/s" "p50 ms" \
        "p99 ms"
    printf '%-44s %12s %10s %10s\n' "HTTP application through /apps" "$a_rps" "$a_p50" "$a_p99"
    printf '%-44s %12s %10s %10s\n' "HTTP application called directly" "$d_rps" "$d_p50" "$d_p99"
    read -r a1_rps a1_p50 a1_p99 < <(mean "$work/forward-apps-one")
    read -r d1_rps d1_p50 d1_p99 < <(mean "$work/forward-direct-one")
    printf '%-44s %12s %10s %10s\n' "the same through /apps, one connection" "$a1_rps" "$a1_p50" "$a1_p99"
    printf '%-44s %12s %10s %10s\n' "the same directly, one connection" "$d1_rps" "$d1_p50" "$d1_p99"
    local share added ok=1
    share=$(awk -v a="$a_rps" -v d="$d_rps" 'BEGIN { printf "%.2f", a / d }')
    added=$(awk -v a="$a1_p50" -v d="$d1_p50" 'BEGIN { printf "%.2f", a - d }')
    printf '/apps / direct throughput: %s (target at least 0.70); p50 added on one connection: %s ms (target below 1)\n' \
        "$share" "$added"
    printf 'server resident memory after the forwarding runs: %s MB\n' "$rss"
    awk -v s="$share" -v a="$added" 'BEGIN { exit !(s >= 0.70 && a < 1) }' || ok=0
    [ "$ok" = 1 ] || { echo "below target" >&2; return 2; }
}

# The same as measure, for a full URL rather than a path of the service.
direct_measure() {
    local seconds=$1 url=$2
    BASE="" measure "$seconds" "$url"
}

# Waits until the instance on the port answers, or fails with its log.
await_instance() {
    local port=$1 pid=$2 log=$3 started
    started=$(date +%s)
    until curl -sf -o /dev/null "http://127.0.0.1:$port/status"; do
        if ! kill -0 "$pid" 2>/dev/null || [ $(( $(date +%s) - started )) -gt 180 ]; then
            echo "The instance on port $port did not start; its log is:" >&2
            tail -50 "$log" >&2
            exit 1
        fi
        sleep 1
    done
}

# 6. One instance, then two clustered instances, on a throwaway PostgreSQL (as root, PostgreSQL runs as postgres).
cluster_section() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    [ -x "$bin/initdb" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 1; }
    mkdir -p "$work/pg"
    postgres="env PATH=$bin:$PATH"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$work" "$work/pg"
        postgres="runuser -u postgres -- env PATH=$bin:$PATH"
    fi
    $postgres initdb -D "$work/pg/data" -U torii --auth=trust --no-sync > /dev/null
    $postgres pg_ctl -D "$work/pg/data" -l "$work/pg/log" -w \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg" start > /dev/null
    $postgres createdb -h 127.0.0.1 -p "$PG_PORT" -U torii torii
    local cluster="torii-bench-$$" i=0
    for port in "$PORT" "$PORT2"; do
        # The first instance makes the schema and the key alone; the second finds both.
        timeout 900 java "${JVM[@]}" -Dtorii.demo=true -Dtorii.db.host=127.0.0.1 -Dtorii.db.port="$PG_PORT" \
            -Dtorii.db.name=torii -Dtorii.db.user=torii -Dhazelcast.socket.bind.any=false \
            -jar target/payara-micro.jar --port "$port" --addlibs target/postgresql.jar \
            --prebootcommandfile server-config/loopback.asadmin --postbootcommandfile server-config/postgresql.asadmin \
            --clustername "$cluster" --clustermode "tcpip:127.0.0.1:$CLUSTER_PORT" \
            --startport $(( CLUSTER_PORT + i )) --interfaces 127.0.0.1 \
            --deploy target/torii.war --contextroot / > "$work/instance-$port.log" 2>&1 &
        cluster_pids+=($!)
        await_instance "$port" "$!" "$work/instance-$port.log"
        i=$(( i + 1 ))
        if [ "$port" = "$PORT" ]; then
            export TOKEN HOSTS="127.0.0.1:$PORT"
            TOKEN=$(login access_token)
            measure "$WARMUP" /users/me/items -s bench/cluster.lua > /dev/null
            measure "$DURATION" /users/me/items -s bench/cluster.lua > "$work/one-instance"
        fi
    done
    HOSTS="127.0.0.1:$PORT,127.0.0.1:$PORT2"
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$PORT2/users/me/items")" = 200 ] || { echo "The second instance refuses the token" >&2; exit 1; }
    measure "$WARMUP" /users/me/items -s bench/cluster.lua > /dev/null
    measure "$DURATION" /users/me/items -s bench/cluster.lua > "$work/two-instances"
    read -r one_rps one_p50 one_p99 < "$work/one-instance"
    read -r two_rps two_p50 two_p99 < "$work/two-instances"
    printf '\n%-44s %12s %10s %10s\n' "GET /users/me/items, RS256 ($CONNECTIONS conn.)" "requests/s" "p50 ms" "p99 ms"
    printf '%-44s %12s %10s %10s\n' "one instance on PostgreSQL" "$one_rps" "$one_p50" "$one_p99"
    printf '%-44s %12s %10s %10s\n' "two clustered instances, same machine" "$two_rps" "$two_p50" "$two_p99"
    printf 'two / one instance: %s (%s cores shared by both instances and wrk)\n' \
        "$(awk -v t="$two_rps" -v o="$one_rps" 'BEGIN { printf "%.2f", t / o }')" "$(nproc)"
}

# 7. Start time: the first start makes the database, the signing key and the demo data, and records the class data
#    archive, which it writes when it stops; the five after it find them all.
start_section() {
    local first times=() i stopping written
    rm -f "$results/payara-micro-$PORT"/torii.{jsa,aot}
    for i in 0 1 2 3 4 5; do
        keep_data=$(( i > 0 ))
        start_server
        [ "$i" = 0 ] && first=$launch_seconds || times+=("$launch_seconds")
        printf 'resident memory right after the start: %s MB\n' "$(rss_mb "$server_pid")"
        stopping=$(date +%s.%N)
        stop_server
        [ "$i" = 0 ] && written=$(awk -v s="$stopping" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }')
    done
    keep_data=0
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    printf '\nlaunch to the first 200 of GET /status (class data: %s): first start %s s (new database, stopping it' \
        "$CLASS_DATA" "$first"
    printf ' took %s s); then %s s, median %s s' "$written" "${times[*]}" "$median"
    printf ' (target at most 8)\n'
    awk -v m="$median" 'BEGIN { exit !(m <= 8) }' || { echo "below target" >&2; return 2; }
}

# 8. A fresh server's authenticated read in rounds of 5 s from its first request (the login that gets the token), for
#    two minutes, then warmed until steady: how soon does it reach 0.8 of its warmed rate?
warmup_section() {
    start_server
    local token first_request round rate
    first_request=$(date +%s.%N)
    token=$(login access_token)
    echo "seconds,requests_per_second" > "$results/warmup.csv"
    while [ "$(elapsed "$first_request")" -lt 120 ]; do
        rate=$(measure 5 /users/me/items -H "Authorization: Bearer $token" | cut -d' ' -f1)
        echo "$(elapsed "$first_request"),$rate" >> "$results/warmup.csv"
    done
    settle true measure "$WARMUP" /users/me/items -H "Authorization: Bearer $token"
    read -r rate _ < <(measure "$DURATION" /users/me/items -H "Authorization: Bearer $token")
    stop_server
    local reached
    reached=$(awk -F, -v w="$rate" 'NR > 1 && $2 >= 0.8 * w { print $1; exit }' "$results/warmup.csv")
    printf '\nfresh server, authenticated read in rounds of 5 s from its first request (seconds,requests/s):\n'
    tail -n +2 "$results/warmup.csv" | paste -sd' '
    printf 'warmed: %s requests/s; 0.8 of it first reached after %s s (target at most 60)\n' "$rate" "${reached:-never}"
    [ -n "$reached" ] && [ "$reached" -le 60 ] || { echo "below target" >&2; return 2; }
}

# Runs the command (a measurement printing its rate first) in rounds until the soak ends, appending "seconds rate" to
# the file $work/soak-NAME.
soak_load() {
    local name=$1
    shift
    while [ "$(elapsed "$soak_start")" -lt "$soak_seconds" ]; do
        local rate
        rate=$("$@" | cut -d' ' -f1) || rate=0
        echo "$(elapsed "$soak_start") ${rate:-0}" >> "$work/soak-$name"
    done
}

# A refresh grant round for the soak on one connection: each round logs in anew for its two tokens (a round's last
# tokens are lost with wrk; the spare keeps the connection supplied), retrying while the login flood keeps the hashing
# pool full. A user of its own: two logins a round would soon end the sessions of the reads' token, beyond the 50 a
# user may keep.
soak_refresh() {
    local token try
    : > "$work/soak-refresh-tokens"
    for try in $(seq 40); do
        token=$(LOGIN_USER=soak-refresh LOGIN_PASSWORD=soak-refresh-password login refresh_token) && [ -n "$token" ] \
            && echo "$token" >> "$work/soak-refresh-tokens"
        [ "$(grep -c . "$work/soak-refresh-tokens")" -lt 2 ] || break
        sleep 1
    done
    REFRESH_TOKENS="$work/soak-refresh-tokens" THREADS=1 CONNECTIONS=1 measure 30 /token -s bench/refresh.lua
}

# 9. The soak: every kind of request at once for SOAK_MINUTES, resident memory every 30 s. Memory should be flat
#    (growing less than 5%) after the first five minutes, with no OutOfMemoryError; GC pauses are taken from the GC log.
soak_section() {
    command -v gnuplot >/dev/null || { echo "gnuplot is missing: apt-get install -y gnuplot-nox" >&2; exit 1; }
    EXTRA_JVM+=("-Xlog:gc:file=$work/gc.log")
    JVM=("@$JVM_OPTIONS" "${EXTRA_JVM[@]}")
    start_server -Dtorii.gateway.rate-limit=1000000000
    flood_users
    flood_users soak-refresh
    export TOKEN
    TOKEN=$(login access_token)
    completion_script completion
    completion_script stream
    soak_seconds=$(( SOAK_MINUTES * 60 ))
    soak_start=$(date +%s.%N)
    local pids=()
    CONNECTIONS=4 soak_load reads measure 30 /users/me/items -H "Authorization: Bearer $TOKEN" & pids+=($!)
    CONNECTIONS=2 soak_load completions measure 30 /v1/chat/completions -s "$work/completion.lua" & pids+=($!)
    CONNECTIONS=2 soak_load streams measure 30 /v1/chat/completions -s "$work/stream.lua" & pids+=($!)
    soak_load logins flood 30 1 & pids+=($!)
    soak_load refresh soak_refresh & pids+=($!)
    echo "seconds,rss_mb" > "$work/soak-rss.csv"
    while [ "$(elapsed "$soak_start")" -lt "$soak_seconds" ]; do
        sleep 30
        echo "$(elapsed "$soak_start"),$(rss_mb "$server_pid")" >> "$work/soak-rss.csv"
    done
    wait "${pids[@]}"
    local oom=no
    grep -q OutOfMemoryError "$work/server-$PORT.log" && oom=yes
    stop_server
    # One row per memory sample, with each load's latest rate at that time.
    awk -v work="$work" 'BEGIN {
            n = split("reads completions streams logins refresh", kinds, " ")
            for (k = 1; k <= n; k++) {
                file = work "/soak-" kinds[k]; count[k] = 0
                while ((getline line < file) > 0) { split(line, f, " "); count[k]++; at[k, count[k]] = f[1]; rate[k, count[k]] = f[2] }
            }
            print "seconds,rss_mb,reads,completions,streams,logins,refresh_grants"
        }
        FNR > 1 { split($0, f, ","); row = f[1] "," f[2]
            for (k = 1; k <= n; k++) { r = 0; for (i = 1; i <= count[k] && at[k, i] <= f[1] + 0; i++) r = rate[k, i]; row = row "," r }
            print row }' "$work/soak-rss.csv" > "$results/soak.csv"
    gnuplot <<GNUPLOT
set terminal svg size 800,400 font "sans,11"
set output "$results/soak.svg"
set datafile separator ","
set key outside below horizontal
set xlabel "minutes"
set ylabel "resident memory, MB"
set y2label "requests per second"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
plot "$results/soak.csv" using (\$1/60):2 axes x1y1 with lines lw 2 title "resident memory", \
     "" using (\$1/60):3 axes x1y2 with lines title "reads", \
     "" using (\$1/60):4 axes x1y2 with lines title "completions", \
     "" using (\$1/60):5 axes x1y2 with lines title "streams", \
     "" using (\$1/60):(\$6*100) axes x1y2 with lines title "logins x 100", \
     "" using (\$1/60):(\$7*10) axes x1y2 with lines title "refresh grants x 10"
GNUPLOT
    # Growth is counted from five minutes in (from the start in a soak shorter than ten minutes).
    local from=$(( soak_seconds >= 600 ? 300 : 0 )) after5 highest growth pauses
    after5=$(awk -F, -v f="$from" 'NR > 1 && $1 >= f { print $2; exit }' "$results/soak.csv")
    highest=$(awk -F, -v f="$from" 'NR > 1 && $1 >= f && $2 > m { m = $2 } END { print m }' "$results/soak.csv")
    growth=$(awk -v a="$after5" -v h="$highest" 'BEGIN { printf "%.3f", h / a - 1 }')
    pauses=$(grep -o 'Pause.* [0-9.]*ms' "$work/gc.log" | awk '{ ms = $NF + 0; n++; if (ms > m) m = ms; t += ms }
        END { printf "%d pauses, longest %.1f ms, %.1f s in all", n, m, t / 1000 }')
    printf '\nsoak of %s minutes: resident memory %s MB at %s s, at most %s MB after, growth %s (target below 0.05);' \
        "$SOAK_MINUTES" "$after5" "$from" "$highest" "$growth"
    printf ' OutOfMemoryError: %s; GC: %s\n' "$oom" "$pauses"
    printf 'rates (requests/s) in the last round: %s\n' "$(tail -1 "$results/soak.csv")"
    printf 'written: %s/soak.csv and %s/soak.svg\n' "$results" "$results"
    awk -v g="$growth" 'BEGIN { exit !(g < 0.05) }' && [ "$oom" = no ] || { echo "below target" >&2; return 2; }
}

# Processor time in clock ticks that the Java process of the server started as the given process has taken so far,
# as "normal idle": its threads in Linux's idle scheduling class (the password hashing threads) apart from the rest.
cpu_ticks() {
    local java_pid
    java_pid=$(pgrep -P "$1" java)
    # Fields 14 and 15 of a thread's stat are its user and system time, 41 its policy (5 is SCHED_IDLE); the name in
    # field 2 may hold spaces, so fields are counted after its closing parenthesis.
    cat "/proc/$java_pid"/task/*/stat 2>/dev/null | awk '{ sub(/^.*\) /, ""); t = $12 + $13
        if ($39 == 5) idle += t; else normal += t } END { printf "%d %d\n", normal, idle }'
}

# Rounds of the authenticated read with the token in $work/flood.token, each alone and then while 16 other
# connections flood /token for longer than the read runs, appending to $work/alone and $work/flooded, the logins per
# second to $work/logins and the server's processor time in clock ticks during each flooded read to $work/ticks. Both
# reads of a round run on the same server within a minute, so that their ratio is the flood's and not two servers'.
flood_rounds() {
    local auth=(-H "Authorization: Bearer $(cat "$work/flood.token")") round before after flood_pid
    for round in $(seq "$1"); do
        measure "$DURATION" /users/me/items "${auth[@]}" >> "$work/alone"
        flood $(( DURATION + 4 )) 16 >> "$work/logins" &
        flood_pid=$!
        sleep 2
        before=$(cpu_ticks "$server_pid")
        measure "$DURATION" /users/me/items "${auth[@]}" >> "$work/flooded"
        after=$(cpu_ticks "$server_pid")
        echo "$before $after" >> "$work/ticks"
        wait "$flood_pid"
    done
}

# Prints the cores that the server's threads took during the flooded reads, in each scheduling class.
flood_cpu() {
    awk -v hz="$(getconf CLK_TCK)" -v d="$DURATION" '{ n += $3 - $1; i += $4 - $2 } END {
        printf "server processor time during the flooded reads, cores: %.2f normal class, %.2f idle class (hashing)\n",
            n / hz / d / NR, i / hz / d / NR }' "$work/ticks"
}

# 11. (BENCH=flood) Section 4 alone, for more rounds, with each round's figures and where the server's processor time
#     went during the flooded reads.
flood_section() {
    start_server
    flood_users
    warm_reads flood
    settle true flood $(( 2 * WARMUP )) 16
    flood_rounds "$FLOOD_ROUNDS"
    local rss
    rss=$(rss_mb "$server_pid")
    stop_server
    printf '\n%-44s %12s %10s %10s\n' "round ($CONNECTIONS connections, ${DURATION} s)" "requests/s" "p50 ms" "p99 ms"
    paste -d' ' "$work/alone" "$work/flooded" | awk '{ printf "%-44s %12s %10s %10s\n%-44s %12s %10s %10s\n",
        "RS256 read alone, round " NR, $1, $2, $3, "RS256 read while 16 clients flood /token", $4, $5, $6 }'
    read -r alone_rps _ alone_p99 < <(mean "$work/alone")
    read -r flooded_rps _ flooded_p99 < <(mean "$work/flooded")
    local rps_ratio p99_ratio
    rps_ratio=$(awk -v f="$flooded_rps" -v a="$alone_rps" 'BEGIN { printf "%.2f", f / a }')
    p99_ratio=$(awk -v f="$flooded_p99" -v a="$alone_p99" 'BEGIN { printf "%.2f", f / a }')
    printf 'logins per second during the flooded rounds: %s\n' "$(awk '{ printf "%s ", $1 }' "$work/logins")"
    flood_cpu
    printf 'RS256 read during the login flood against alone, means of %s rounds: throughput %s, p99 %s times' \
        "$FLOOD_ROUNDS" "$rps_ratio" "$p99_ratio"
    printf ' (targets at least 0.87 and at most 2)\n'
    printf 'server resident memory after the rounds: %s MB\n' "$rss"
    awk -v r="$rps_ratio" -v p="$p99_ratio" 'BEGIN { exit !(r >= 0.87 && p <= 2) }' || { echo "below target" >&2; return 2; }
}

status=0
case "$BENCH" in
    cluster) cluster_section ;;
    start) start_section || status=$? ;;
    warmup) warmup_section || status=$? ;;
    soak) soak_section || status=$? ;;
    forward) forward_section || status=$? ;;
    flood) flood_section || status=$? ;;
    *)
        if [ "$BENCH" != gateway ]; then auth_sections || status=$?; fi
        if [ "$BENCH" != auth ]; then gateway_section || status=$?; fi
        ;;
esac
exit "$status"
