#!/bin/bash
# Every program that works on an IPC object, in one table: the selector
# (-k -f -j -i -n), creation (-c -x -m --allow-foreign) and ownership
# behaviour they share through libipcutil, for System V and POSIX, with
# exact messages and statuses -- so a new object program gets all of
# these by one line below.  As root in a private namespace, "someone
# else's" objects are made by giving ours away (IPC_SET, chown) and by
# creating as nobody.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/lib/object.sh"
require_root_
require_ipc_namespace_
fail=0

# PROG  SYSV  POSIX  OPEN  STATUS  REMOVE
#   SYSV, POSIX: the kinds PROG works on (obj_create_'s names);
#   OPEN: arguments that open the object and return without waiting or
#   changing it (',' for spaces), with stdin from /dev/null; STATUS what
#   that returns on an empty object; REMOVE: the arguments that remove it
#   afterwards, '-' when PROG has none.
object_programs='
mqsend  msg  pmq   -                0  -
mqrecv  msg  pmq   --all            0  --all,--remove
semsig  sem  psem  --show           0  --remove
semwait sem  psem  --show           0  -
shmput  shm  pshm  -                0  --remove
'

nobody=$(id -u nobody 2>/dev/null) || skip_ "no user nobody"
nobody_group=$(id -gn nobody)
me=$(id -u)

seq_=0
# fresh_ VAR KIND: set VAR to a key or name not used yet in this test.
fresh_() {
  seq_=$((seq_ + 1))
  if obj_is_sysv_ "$2"; then printf -v "$1" '0x%08x' $((0x4f000000 + seq_))
  else printf -v "$1" '/objtest%s' "$seq_"
  fi
}

# run_ STATUS PROG ARGS...: PROG's exact status, stdin empty; stdout to
# out, stderr to err.
run_() {
  local st=$1; shift
  returns_ "$st" timeout_ "$@" </dev/null >out 2>err
}

while read -r prog sysv posix open status remove; do
  test -n "$prog" || continue
  test "$open" = - && open=
  open=${open//,/ }
  remove=${remove//,/ }
  for kind in $sysv $posix; do
    obj_require_ $kind
    if obj_is_sysv_ $kind; then sel=-k; form=key; else sel=-n; form=name; fi

    # --- missing, no --create: status 1, nothing made --------------------
    fresh_ w $kind; d=$(obj_describe_ $kind $form $w)
    run_ 1 $prog $sel $w $open || fail=1
    compare_text err "$prog: $d does not exist" || fail=1
    ! obj_exists_ $kind $w || { warn_ "$prog $kind: created without -c"; fail=1; }

    # --- --create: mode 0600 by default, --mode exactly, whatever the umask
    (umask 000 && run_ $status $prog $sel $w -c $open) || fail=1
    test "$(obj_mode_ $kind $w)" = 600 || { warn_ "$prog $kind: mode $(obj_mode_ $kind $w)"; fail=1; }
    test "$(obj_owner_ $kind $w)" = "$me $me" || fail=1
    fresh_ w2 $kind
    (umask 077 && run_ $status $prog $sel $w2 -c -m 0640 $open) || fail=1
    test "$(obj_mode_ $kind $w2)" = 640 || { warn_ "$prog $kind: -m 0640 gave $(obj_mode_ $kind $w2)"; fail=1; }
    obj_remove_ $kind $w2

    # --- ours again: used as it is; --exclusive refuses it ----------------
    ident=$(obj_ident_ $kind $w)
    run_ $status $prog $sel $w -c -m 0644 $open || fail=1
    test "$(obj_ident_ $kind $w) $(obj_mode_ $kind $w)" = "$ident 600" \
      || { warn_ "$prog $kind: --create changed our object"; fail=1; }
    run_ 1 $prog $sel $w -x $open || fail=1
    compare_text err "$prog: cannot create $d: File exists" || fail=1

    # --- someone else's: refused by --create, even for root ---------------
    obj_chown_ $kind $w $nobody || framework_failure_ "chown $kind"
    run_ 1 $prog $sel $w -c $open || fail=1
    compare_text err "$prog: $d exists and belongs to uid $nobody; use --allow-foreign to accept" || fail=1
    run_ $status $prog $sel $w -c --allow-foreign $open || fail=1
    compare /dev/null err || fail=1
    # Without --create the kernel's permissions decide (root passes).
    run_ $status $prog $sel $w $open || fail=1
    test "$(obj_ident_ $kind $w)" = "$ident" || { warn_ "$prog $kind: replaced"; fail=1; }

    # --- --remove: the same rule ----------------------------------------
    if test "$remove" != -; then
      run_ 1 $prog $sel $w $remove || fail=1
      compare_text err "$prog: not removing $d: it belongs to uid $nobody" || fail=1
      obj_exists_ $kind $w || { warn_ "$prog $kind: removed someone else's"; fail=1; }
      run_ 0 $prog $sel $w $remove --allow-foreign || fail=1
      ! obj_exists_ $kind $w || { warn_ "$prog $kind: --allow-foreign did not remove"; fail=1; }
      # Ours: removed.
      run_ $status $prog $sel $w -c $open || fail=1
      run_ 0 $prog $sel $w $remove || fail=1
      compare /dev/null err || fail=1
      ! obj_exists_ $kind $w || { warn_ "$prog $kind: ours not removed"; fail=1; }
    fi
    obj_remove_ $kind $w

    # --- System V: created by someone else, then handed to us -------------
    if obj_is_sysv_ $kind; then
      fresh_ w $kind; d=$(obj_describe_ $kind key $w)
      OBJ_AS="setpriv --reuid=$nobody --regid=$nobody_group --clear-groups" \
        obj_create_ $kind $w 0666 || framework_failure_ "create as nobody"
      obj_chown_ $kind $w $me || framework_failure_ "IPC_SET to $me"
      run_ 1 $prog $sel $w -c $open || fail=1
      compare_text err "$prog: $d exists and was created by uid $nobody; use --allow-foreign to accept" || fail=1
      if test "$remove" != -; then
        run_ 1 $prog $sel $w $remove || fail=1
        compare_text err "$prog: not removing $d: it was created by uid $nobody" || fail=1
        obj_exists_ $kind $w || { warn_ "$prog $kind: removed an object nobody created"; fail=1; }
      fi
      obj_remove_ $kind $w

      # -i: a stale id is "does not exist"; -f: ftok of the file.
      fresh_ w $kind
      obj_create_ $kind $w || framework_failure_ "create"
      id=$(obj_ident_ $kind $w)
      obj_remove_ $kind $w
      run_ 1 $prog -i $id $open || fail=1
      compare_text err "$prog: $(obj_describe_ $kind id $id) does not exist" || fail=1
      run_ 1 $prog -f nonexistent $open || fail=1
      compare_text err "$prog: cannot stat 'nonexistent': No such file or directory" || fail=1
    fi
  done

  # --- usage errors, the same for every program -------------------------
  for args in '' '-k 0' '-k 1 -n /x' '-k 1 -m 0600' '-i 1 -c' '-n 1' '-k 1 -j 2'; do
    run_ 2 $prog $args $open || fail=1
    head -n 1 err > err1
    case $args in
      '') exp='missing --key, --key-file, --id or --name' ;;
      '-k 0') exp='key 0 (IPC_PRIVATE) cannot name a shared object' ;;
      '-k 1 -n /x') exp='options --key and --name are mutually exclusive' ;;
      '-k 1 -m 0600') exp='option --mode needs --create' ;;
      '-i 1 -c') exp='option --create needs --key, --key-file or --name, not --id' ;;
      '-n 1') exp="invalid POSIX name '1': it must be '/' followed by 1 to 255 bytes, none of them '/'" ;;
      '-k 1 -j 2') exp='option --proj needs --key-file' ;;
    esac
    compare_text err1 "$prog: $exp" || fail=1
  done
  if test "$remove" = -; then
    run_ 2 $prog -k 1 --allow-foreign $open || fail=1
    head -n 1 err > err1
    compare_text err1 "$prog: option --allow-foreign needs --create" || fail=1
  fi
done <<< "$object_programs"

Exit $fail
