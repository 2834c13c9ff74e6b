#!/bin/bash
# --mode is exact whatever the umask, and the socket file never exists
# with wider bits, not even for an instant; it is removed at exit only if
# it is still ours.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
fail=0

for mask in 000 077 022; do
  for mode in 0600 0660 0666 0700 0; do
    umask $mask
    start_server_ pf -m $mode s
    umask 022
    want=$(printf '%o' $((mode)))
    got=$(stat -c %a s)
    test "$got" = "$want" || { warn_ "umask $mask mode $mode: got $got"; fail=1; }
    stop_server_ || fail=1
    test -e s && { warn_ "socket left"; fail=1; }
  done
done
# Default 0600 under umask 000.
umask 000
start_server_ pf s
umask 022
test "$(stat -c %a s)" = 600 || fail=1
stop_server_ || fail=1

# Never wider, watched two ways: a tight stat loop in the directory while
# servers start and stop, and inotify, which reports the file's creation;
# on each creation the mode is looked at at once.
watch_stat_() {
  while :; do stat -c %a s 2>/dev/null; done > modes &
  stat_job=$!
}
if command -v inotifywait >/dev/null; then
  # Without -q, inotifywait says "Watches established." on stderr once it
  # watches: wait for that, however slow the machine.
  inotifywait -m -e create --format '%f' . > created 2> inotify.err &
  inotify_job=$!
  watching_() { grep -q 'Watches established' inotify.err; }
  retry_delay_ watching_ 0.01 12 || { warn_ "inotifywait never started"; fail=1; }
fi
watch_stat_
for i in 1 2 3 4 5; do
  umask 000
  start_server_ pf -m 0640 s
  umask 022
  stop_server_ || fail=1
done
kill "$stat_job"; wait "$stat_job" 2>/dev/null
test -s modes || { warn_ "the stat loop never saw the socket"; fail=1; }
sort -u modes > modes.seen
compare_text modes.seen 640 || fail=1
if test -n "${inotify_job-}"; then
  kill "$inotify_job"; wait "$inotify_job" 2>/dev/null
  test "$(grep -c -x s created)" -ge 5 || { warn_ "inotify saw: $(cat created)"; fail=1; }
fi

# Removed at --count, at --timeout and at each termination signal; dies
# of the signal.
start_server_ pf -N 1 s
timeout_ udsecho s x >/dev/null || fail=1
returns_ 0 wait "$server_job" || fail=1
test -e s && { warn_ "left after --count"; fail=1; }
returns_ 3 timeout_ udsecho -l -w 0.2 s 2>err || fail=1
compare /dev/null err || fail=1
test -e s && { warn_ "left after --timeout"; fail=1; }
for sig in INT HUP TERM; do
  start_server_ pf s
  kill -"$sig" "$server_pid"
  returns_ $((128 + $(kill -l "$sig"))) wait "$server_job" || fail=1
  test -e s && { warn_ "left after SIG$sig"; fail=1; }
  test -e pf && { warn_ "pid file left after SIG$sig"; fail=1; }
done

# Someone else's socket in its place at exit is not ours to remove.
start_server_ pf s
mv s s.old
timeout_ udsecho -l -p pf2 s 2>/dev/null &
other=$!
wait_for_file_ pf2 || fail=1
kill -TERM "$server_pid"; wait "$server_job"
test -S s || { warn_ "removed the other server's socket"; fail=1; }
test -S s.old || { warn_ "the moved socket went away"; fail=1; }
kill -TERM "$(cat pf2)"; wait "$other"

Exit $fail
