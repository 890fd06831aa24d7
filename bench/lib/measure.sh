# Sourced by the bench scripts: reading CPU time, memory and wrk results, and A/B rounds.

CLK_TCK=$(getconf CLK_TCK)

# Sets $work to a new temporary directory and pids=() for the servers the caller starts; at exit
# those get SIGTERM, are waited for, and the directory goes.
use_work_dir() { # name
  work=$(mktemp -d "/tmp/bookshelf-$1.XXXXXX")
  pids=()
  trap stop_and_clean EXIT
}
stop_and_clean() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  rm -rf "$work"
}

# utime + stime of one process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the
# command name in field 2 may hold spaces, so count from the closing parenthesis).
proc_ticks() { # pid
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  stat=${stat##*) }
  awk '{ print $12 + $13 }' <<<"$stat"
}

# Sum of proc_ticks over several pids.
ticks_of() { # pid...
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(proc_ticks "$pid")))
  done
  echo "$total"
}

# nginx workers: the children of a master process.
nginx_workers() { # master pid
  pgrep -P "$1" | tr '\n' ' '
}

# Busy ticks of the whole machine (all CPUs), from the first line of /proc/stat.
machine_busy_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

# CPU time of this shell's finished children (bash `times`), in clock ticks.
children_ticks() { # reads `times` output on stdin
  awk 'NR == 2 {
    total = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); total += p[1] * 60 + p[2] }
    printf "%d\n", total * '"$CLK_TCK"'
  }'
}

rss_kib() { # pid
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

peak_rss_kib() { # pid
  awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

# A wrk latency value ("635.91us", "1.02ms", "1.10s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub("us", "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub("ms", "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub("m", "", v); printf "%.0f", v * 60000 }
    else { sub("s", "", v); printf "%.0f", v * 1000 }
  }'
}

# Fields of a wrk --latency report, one per line: requests req_per_s p50 p99 errors transfer.
# errors = non-2xx/3xx responses + socket errors.
parse_wrk() { # report file
  local requests rps p50 p99 non2xx socket transfer
  requests=$(awk '/requests in/ { print $1; exit }' "$1")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2; exit }' "$1")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2; exit }' "$1")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$1")
  socket=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$1")
  transfer=$(awk '/^Transfer\/sec:/ { print $2 }' "$1")
  echo "${requests:-0}" "${rps:-0}" "${p50:-?}" "${p99:-?}" "$(( ${non2xx:-0} + ${socket:-0} ))" "${transfer:-?}"
}

median() { # numbers...
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# The Java images' JVM flags, read from the parent POM's Jib <jvmFlag>s (the one place they are
# set), without the argfile the image adds for its AppCDS archive.
image_jvm_flags() { # root dir
  sed -n 's:^ *<jvmFlag>\(-[^<]*\)</jvmFlag>.*:\1:p' "$1/pom.xml" | tr '\n' ' ' | sed 's/ $//'
}

# CPU the given processes spent per request during one wrk run, and wrk's req/s.
cpu_per_request() { # "pid ...", wrk command line... -> "µs/req req/s"
  local pids=$1 report t0 t1 requests rps _
  shift
  report=$(mktemp)
  # shellcheck disable=SC2086
  t0=$(ticks_of $pids)
  "$@" >"$report"
  # shellcheck disable=SC2086
  t1=$(ticks_of $pids)
  read -r requests rps _ < <(parse_wrk "$report")
  rm -f "$report"
  echo "$(( (t1 - t0) * 1000000 / CLK_TCK / requests )) $rps"
}

# Alternating A/B rounds of cpu_per_request, a line per round; the µs of each round are left in
# the arrays AB_A and AB_B. Alternating cancels most of the drift of a shared machine.
ab_rounds() { # rounds, "pids A", URL A, "pids B", URL B, wrk command line without the URL...
  local rounds=$1 pids_a=$2 url_a=$3 pids_b=$4 url_b=$5 i a a_rps b b_rps
  shift 5
  AB_A=() AB_B=()
  for i in $(seq "$rounds"); do
    read -r a a_rps < <(cpu_per_request "$pids_a" "$@" "$url_a")
    read -r b b_rps < <(cpu_per_request "$pids_b" "$@" "$url_b")
    echo "round $i: A $a µs/req ($a_rps req/s)   B $b µs/req ($b_rps req/s)"
    AB_A+=("$a") AB_B+=("$b")
  done
}
