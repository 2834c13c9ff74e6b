// The object selector: options recorded by take_selector_option and
// take_create_option, the usage errors of the finish steps (exact text,
// status 2), describe() for diagnostics, ftok through resolve_key, the
// ownership rule (uid == cuid == euid), and open_sysv/open_posix driven through
// fake get/stat/open functions: create-then-open, --exclusive, --allow-foreign,
// vanishing objects, -i checks, the exact --mode.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "libipcutil/object.hh"
#include "libipcutil/program.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::create_options;
using ipcutil::object_selector;
using ipcutil::selector_kind;

namespace {

// The options of ARGS, one (option, argument) pair each, fed to both
// handlers.
struct option_arg {
  int opt;
  const char* arg;
};

void take_all(object_selector& sel, create_options& create,
              std::initializer_list<option_arg> args) {
  for (const option_arg& a : args) {
    bool taken = ipcutil::take_selector_option(sel, a.opt, a.arg) ||
                 ipcutil::take_create_option(create, a.opt, a.arg);
    ck_assert_msg(taken, "option %d not taken", a.opt);
  }
}

#define TRY_LINE "Try 'prog --help' for more information.\n"

#define ck_assert_selection_error(expected, ...)                 \
  do {                                                           \
    outcome o_ = run_as_program([] {                             \
      object_selector sel;                                       \
      create_options create;                                     \
      take_all(sel, create, {__VA_ARGS__});                      \
      ipcutil::finish_selector(sel);                             \
      ipcutil::finish_create_options(create, sel);               \
      return true;                                               \
    });                                                          \
    ck_assert_msg(!o_.returned, "no usage error: %s", expected); \
    ck_assert_int_eq(o_.status, ipcutil::exit_usage);            \
    ck_assert_str_eq(o_.err.c_str(), expected);                  \
  } while (0)

// ------------------------------------------------------------ option parsing

START_TEST(test_selector_options) {
  object_selector sel;
  create_options create;
  take_all(sel, create, {{'k', "0x1234"}});
  ck_assert(sel.kind == selector_kind::key);
  ck_assert_int_eq(sel.key, 0x1234);
  ck_assert(sel.sysv() && !sel.posix());

  object_selector f;
  take_all(f, create, {{'f', "msgqueuefile"}, {'j', "A"}});
  ck_assert(f.kind == selector_kind::key_file);
  ck_assert_str_eq(f.key_file.c_str(), "msgqueuefile");
  ck_assert_int_eq(f.proj_id, 65);
  ck_assert(f.proj_given);
  ck_assert(!f.key_resolved);

  object_selector i;
  take_all(i, create, {{'i', "42"}});
  ck_assert(i.kind == selector_kind::id);
  ck_assert_int_eq(i.id, 42);

  object_selector n;
  take_all(n, create, {{'n', "/q"}});
  ck_assert(n.kind == selector_kind::name);
  ck_assert(n.posix() && !n.sysv());
  ck_assert_str_eq(n.name.c_str(), "/q");

  // Not ours: left for the program.
  ck_assert(!ipcutil::take_selector_option(sel, 't', "1"));
  ck_assert(!ipcutil::take_create_option(create, 'N', "1"));
}
END_TEST

START_TEST(test_repeated_selector_last_wins) {
  object_selector sel;
  create_options create;
  take_all(sel, create, {{'k', "1"}, {'k', "0x20"}});
  ck_assert_int_eq(sel.key, 0x20);
  ck_assert_ptr_null(sel.second_option);
  outcome o = run_as_program([] {
    object_selector s;
    create_options c;
    take_all(s, c, {{'n', "/a"}, {'n', "/b"}});
    ipcutil::finish_selector(s);
    return s.name == "/b";
  });
  ck_assert(o.returned);
  ck_assert_int_eq(o.status, 0);
}
END_TEST

START_TEST(test_create_options) {
  object_selector sel;
  create_options create;
  ck_assert(!create.create && !create.exclusive && !create.allow_foreign);
  ck_assert_int_eq(create.mode, 0600);
  take_all(sel, create,
           {{'x', nullptr},
            {'m', "0640"},
            {ipcutil::option_allow_foreign, nullptr}});
  ck_assert(create.create);  // --exclusive implies --create
  ck_assert(create.exclusive);
  ck_assert_int_eq(create.mode, 0640);
  ck_assert(create.mode_given);
  ck_assert(create.allow_foreign);
}
END_TEST

START_TEST(test_usage_errors) {
  ck_assert_selection_error(
      "prog: missing --key, --key-file, --id or --name\n" TRY_LINE);
  ck_assert_selection_error(
      "prog: options --key and --name are mutually exclusive\n" TRY_LINE,
      {'k', "1"}, {'n', "/q"});
  ck_assert_selection_error(
      "prog: options --id and --key-file are mutually exclusive\n" TRY_LINE,
      {'i', "1"}, {'f', "x"}, {'k', "2"});
  ck_assert_selection_error("prog: option --proj needs --key-file\n" TRY_LINE,
                            {'j', "2"}, {'k', "2"});
  ck_assert_selection_error(
      "prog: key 0 (IPC_PRIVATE) cannot name a shared object\n", {'k', "0"});
  ck_assert_selection_error(
      "prog: key 0 (IPC_PRIVATE) cannot name a shared object\n", {'k', "00"},
      {'c', nullptr});
  ck_assert_selection_error(
      "prog: invalid POSIX name 'q': it must be '/' followed by 1 to 255 "
      "bytes, none of them '/'\n",
      {'n', "q"});
  ck_assert_selection_error(
      "prog: invalid POSIX name '/a\\x0ab/c': it must be '/' followed by "
      "1 to 255 bytes, none of them '/'\n",
      {'n', "/a\nb/c"});
  ck_assert_selection_error("prog: option --mode needs --create\n" TRY_LINE,
                            {'k', "1"}, {'m', "644"});
  ck_assert_selection_error(
      "prog: option --allow-foreign needs --create\n" TRY_LINE, {'k', "1"},
      {ipcutil::option_allow_foreign, nullptr});
  ck_assert_selection_error(
      "prog: option --create needs --key, --key-file or --name, not "
      "--id\n" TRY_LINE,
      {'i', "1"}, {'c', nullptr});
  // Values: the parsers' own diagnostics, no "Try" line.
  ck_assert_selection_error(
      "prog: invalid key: '0x100000000': larger than 32 bits\n",
      {'k', "0x100000000"});
  ck_assert_selection_error(
      "prog: invalid id: '-1': must be between 0 and 2147483647\n",
      {'i', "-1"});
  ck_assert_selection_error(
      "prog: invalid project id: '0': must be a number from 1 to 255 or "
      "one character\n",
      {'f', "x"}, {'j', "0"});
  ck_assert_selection_error(
      "prog: invalid mode: '0x1ff': not an octal mode between 0 and 0777\n",
      {'k', "1"}, {'c', nullptr}, {'m', "0x1ff"});
}
END_TEST

START_TEST(test_valid_selections_pass) {
  outcome o = run_as_program([] {
    object_selector sel;
    create_options create;
    take_all(sel, create, {{'f', "x"}, {'j', "7"}, {'c', nullptr}, {'m', "0"}});
    ipcutil::finish_selector(sel);
    ipcutil::finish_create_options(create, sel);
    object_selector id;
    create_options none;
    take_all(id, none, {{'i', "0"}});
    ipcutil::finish_selector(id);
    ipcutil::finish_create_options(none, id);
    return true;
  });
  ck_assert(o.returned);
  ck_assert_int_eq(o.status, 0);
  ck_assert_str_eq(o.err.c_str(), "");
}
END_TEST

// ------------------------------------------------------------------ describe

// describe() returns a std::string: keep it alive while comparing.
#define ck_assert_describes(sel, expected)  \
  do {                                      \
    std::string d_ = (sel).describe();      \
    ck_assert_str_eq(d_.c_str(), expected); \
  } while (0)

START_TEST(test_describe) {
  object_selector sel;
  create_options create;
  take_all(sel, create, {{'k', "4660"}});
  ck_assert_describes(sel, "key 0x00001234");
  object_selector neg;
  take_all(neg, create, {{'k', "0xffffffff"}});
  ck_assert_describes(neg, "key 0xffffffff");
  object_selector f;
  take_all(f, create, {{'f', "it's"}, {'j', "65"}});
  ck_assert_describes(f, "key file 'it\\'s', proj 65");
  f.key = 0x41012345;
  f.key_resolved = true;
  ck_assert_describes(f, "key 0x41012345 (file 'it\\'s', proj 65)");
  object_selector i;
  take_all(i, create, {{'i', "5"}});
  ck_assert_describes(i, "id 5");
  object_selector n;
  take_all(n, create, {{'n', "/q\x1b"}});
  ck_assert_describes(n, "'/q\\x1b'");
  object_selector none;
  ck_assert_describes(none, "");
}
END_TEST

// -------------------------------------------------------------------- ftok

START_TEST(test_resolve_key) {
  char dir[] = "/tmp/test_object.XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  std::string path = std::string(dir) + "/msgqueuefile";
  int fd = open(path.c_str(), O_CREAT | O_WRONLY, 0600);
  ck_assert_int_ge(fd, 0);
  close(fd);

  object_selector sel;
  create_options create;
  take_all(sel, create, {{'f', path.c_str()}, {'j', "A"}});
  ck_assert(ipcutil::resolve_key(sel));
  ck_assert(sel.key_resolved);
  ck_assert_int_eq(sel.key, ftok(path.c_str(), 65));
  // Resolving again changes nothing; a key needs no resolving.
  ck_assert(ipcutil::resolve_key(sel));
  object_selector k;
  take_all(k, create, {{'k', "7"}});
  ck_assert(ipcutil::resolve_key(k));
  ck_assert_int_eq(k.key, 7);

  unlink(path.c_str());
  std::string missing = path;
  outcome o = run_as_program([&] {
    object_selector s;
    create_options c;
    take_all(s, c, {{'f', missing.c_str()}});
    return ipcutil::resolve_key(s);
  });
  ck_assert(o.returned);
  ck_assert_int_eq(o.status, 1);
  std::string expected =
      "prog: cannot stat '" + missing + "': No such file or directory\n";
  ck_assert_str_eq(o.err.c_str(), expected.c_str());
  rmdir(dir);
}
END_TEST

// --------------------------------------------------------------- ownership

struct ipc_perm perm_of(uid_t uid, uid_t cuid) {
  struct ipc_perm p;
  memset(&p, 0, sizeof p);
  p.uid = uid;
  p.cuid = cuid;
  return p;
}

START_TEST(test_owner_rules) {
  uid_t me = geteuid();
  uid_t other = me + 1000;
  // One rule: owner and creator are both us.
  ck_assert(ipcutil::is_ours(ipcutil::owner_from(perm_of(me, me))));
  ck_assert(!ipcutil::is_ours(ipcutil::owner_from(perm_of(me, other))));
  ck_assert(!ipcutil::is_ours(ipcutil::owner_from(perm_of(other, me))));
  ck_assert(!ipcutil::is_ours(ipcutil::owner_from(perm_of(other, other))));
  // A file's owner counts as its creator too.
  struct stat st;
  memset(&st, 0, sizeof st);
  st.st_uid = me;
  ck_assert(ipcutil::is_ours(ipcutil::owner_from(st)));
  st.st_uid = other;
  ipcutil::owner o = ipcutil::owner_from(st);
  ck_assert(o.uid == other && o.cuid == other);
  ck_assert(!ipcutil::is_ours(o));

  const std::string desc = "message queue key 0x00001234";
  outcome ok = run_as_program([&] {
    return ipcutil::check_owner(ipcutil::owner_from(perm_of(me, me)), desc,
                                false);
  });
  ck_assert_int_eq(ok.status, 0);
  ck_assert_str_eq(ok.err.c_str(), "");
  // --allow-foreign accepts anyone, silently.
  outcome allowed = run_as_program([&] {
    return ipcutil::check_owner(ipcutil::owner_from(perm_of(other, other)),
                                desc, true);
  });
  ck_assert_int_eq(allowed.status, 0);
  ck_assert_str_eq(allowed.err.c_str(), "");

  // The creator can give an object away to anyone: both must be us.
  outcome foreign_owner = run_as_program([&] {
    return ipcutil::check_owner(ipcutil::owner_from(perm_of(other, me)), desc,
                                false);
  });
  ck_assert_int_eq(foreign_owner.status, 1);
  std::string exp =
      "prog: message queue key 0x00001234 exists and belongs to uid " +
      std::to_string(other) + "; use --allow-foreign to accept\n";
  ck_assert_str_eq(foreign_owner.err.c_str(), exp.c_str());

  outcome foreign_creator = run_as_program([&] {
    return ipcutil::check_owner(ipcutil::owner_from(perm_of(me, other)), desc,
                                false);
  });
  ck_assert_int_eq(foreign_creator.status, 1);
  exp = "prog: message queue key 0x00001234 exists and was created by uid " +
        std::to_string(other) + "; use --allow-foreign to accept\n";
  ck_assert_str_eq(foreign_creator.err.c_str(), exp.c_str());
}
END_TEST

// ------------------------------------------------- open_sysv with fake calls

// A fake System V kernel: one object that exists or not, with an owner,
// recording the flags of every get().
struct fake_sysv {
  bool exists = false;
  int id = 7;
  uid_t uid = geteuid();
  uid_t cuid = geteuid();
  int create_errno = 0;  // errno for a creating get() (ENOSPC...)
  int vanish_times = 0;  // opens of an existing object that find it gone
  int stat_errno = 0;
  std::vector<int> get_flags;

  ipcutil::sysv_type type() {
    ipcutil::sysv_type t;
    t.kind = ipcutil::object_kind::sysv_msg;
    t.get = [this](key_t, int flags) {
      get_flags.push_back(flags);
      if (flags & IPC_CREAT) {
        if (create_errno != 0) {
          errno = create_errno;
          return -1;
        }
        if (exists && (flags & IPC_EXCL)) {
          errno = EEXIST;
          return -1;
        }
        exists = true;
        uid = cuid = geteuid();
        return id;
      }
      if (exists && vanish_times > 0) {
        --vanish_times;
        exists = false;
      }
      if (!exists) {
        errno = ENOENT;
        return -1;
      }
      return id;
    };
    t.stat = [this](int, struct ipc_perm& perm) {
      if (stat_errno != 0) {
        errno = stat_errno;
        return -1;
      }
      perm = perm_of(uid, cuid);
      return 0;
    };
    return t;
  }
};

object_selector key_selector() {
  object_selector sel;
  create_options none;
  take_all(sel, none, {{'k', "0x1234"}});
  return sel;
}

START_TEST(test_open_sysv_existing) {
  fake_sysv k;
  k.exists = true;
  object_selector sel = key_selector();
  ipcutil::sysv_object obj;
  ck_assert(ipcutil::open_sysv(sel, create_options{}, k.type(), 0200, obj));
  ck_assert_int_eq(obj.id, 7);
  ck_assert(!obj.created);
  // Opened with the access asked for, nothing else.
  ck_assert_uint_eq(k.get_flags.size(), 1);
  ck_assert_int_eq(k.get_flags[0], 0200);
}
END_TEST

START_TEST(test_open_sysv_missing) {
  fake_sysv k;
  outcome o = run_as_program([&] {
    object_selector sel = key_selector();
    ipcutil::sysv_object obj;
    return ipcutil::open_sysv(sel, create_options{}, k.type(), 0400, obj);
  });
  ck_assert_int_eq(o.status, 1);
  ck_assert_str_eq(o.err.c_str(),
                   "prog: message queue key 0x00001234 does not exist\n");
}
END_TEST

START_TEST(test_open_sysv_creates_with_exact_mode) {
  fake_sysv k;
  object_selector sel = key_selector();
  create_options create;
  create.create = true;
  create.mode = 0640;
  ipcutil::sysv_object obj;
  umask(077);  // no effect: System V takes the mode as given
  ck_assert(ipcutil::open_sysv(sel, create, k.type(), 0200, obj));
  ck_assert(obj.created);
  ck_assert_uint_eq(k.get_flags.size(), 1);
  ck_assert_int_eq(k.get_flags[0], IPC_CREAT | IPC_EXCL | 0640);
}
END_TEST

START_TEST(test_open_sysv_create_finds_ours) {
  fake_sysv k;
  k.exists = true;
  object_selector sel = key_selector();
  create_options create;
  create.create = true;
  ipcutil::sysv_object obj;
  ck_assert(ipcutil::open_sysv(sel, create, k.type(), 0200, obj));
  ck_assert(!obj.created);
  ck_assert_int_eq(obj.id, 7);
  ck_assert_uint_eq(k.get_flags.size(), 2);
  ck_assert_int_eq(k.get_flags[0], IPC_CREAT | IPC_EXCL | 0600);
  ck_assert_int_eq(k.get_flags[1], 0200);
}
END_TEST

START_TEST(test_open_sysv_create_refuses_foreign) {
  fake_sysv k;
  k.exists = true;
  k.cuid = geteuid() + 1;
  outcome o = run_as_program([&] {
    object_selector sel = key_selector();
    create_options create;
    create.create = true;
    ipcutil::sysv_object obj;
    return ipcutil::open_sysv(sel, create, k.type(), 0200, obj);
  });
  ck_assert_int_eq(o.status, 1);
  std::string exp =
      "prog: message queue key 0x00001234 exists and was created by uid " +
      std::to_string(geteuid() + 1) + "; use --allow-foreign to accept\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());

  // --allow-foreign: accepted, without even looking at the owner.
  k.stat_errno = EACCES;
  object_selector sel = key_selector();
  create_options allow;
  allow.create = true;
  allow.allow_foreign = true;
  ipcutil::sysv_object obj;
  ck_assert(ipcutil::open_sysv(sel, allow, k.type(), 0200, obj));
  ck_assert(!obj.created);

  // An owner that cannot be read is not accepted either.
  outcome unreadable = run_as_program([&] {
    object_selector s = key_selector();
    create_options create;
    create.create = true;
    ipcutil::sysv_object o2;
    return ipcutil::open_sysv(s, create, k.type(), 0200, o2);
  });
  ck_assert_int_eq(unreadable.status, 1);
  ck_assert_str_eq(
      unreadable.err.c_str(),
      "prog: message queue key 0x00001234 exists and its owner cannot be "
      "checked: Permission denied; use --allow-foreign to accept\n");
}
END_TEST

START_TEST(test_open_sysv_exclusive) {
  fake_sysv k;
  k.exists = true;
  outcome o = run_as_program([&] {
    object_selector sel = key_selector();
    create_options create;
    create.create = create.exclusive = true;
    ipcutil::sysv_object obj;
    return ipcutil::open_sysv(sel, create, k.type(), 0200, obj);
  });
  ck_assert_int_eq(o.status, 1);
  ck_assert_str_eq(
      o.err.c_str(),
      "prog: cannot create message queue key 0x00001234: File exists\n");
}
END_TEST

START_TEST(test_open_sysv_vanishing_object_is_created) {
  // Exists at the creating attempt, gone when opened: created on the retry.
  fake_sysv k;
  k.exists = true;
  k.vanish_times = 1;
  object_selector sel = key_selector();
  create_options create;
  create.create = true;
  ipcutil::sysv_object obj;
  ck_assert(ipcutil::open_sysv(sel, create, k.type(), 0200, obj));
  ck_assert(obj.created);
  ck_assert_uint_eq(k.get_flags.size(), 3);
}
END_TEST

START_TEST(test_open_sysv_limit) {
  fake_sysv k;
  k.create_errno = ENOSPC;
  outcome o = run_as_program([&] {
    object_selector sel = key_selector();
    create_options create;
    create.create = true;
    ipcutil::sysv_object obj;
    return ipcutil::open_sysv(sel, create, k.type(), 0200, obj);
  });
  ck_assert_int_eq(o.status, 1);
  // The value comes from /proc: check the shape only.
  const char* prefix =
      "prog: cannot create message queue key 0x00001234: No space left on "
      "device (the system limit kernel.msgmni=";
  ck_assert_msg(o.err.compare(0, strlen(prefix), prefix) == 0, "got: %s",
                o.err.c_str());
  const std::string suffix = " is reached)\n";
  ck_assert_msg(o.err.size() > suffix.size() &&
                    o.err.compare(o.err.size() - suffix.size(), suffix.size(),
                                  suffix) == 0,
                "got: %s", o.err.c_str());
}
END_TEST

START_TEST(test_open_sysv_by_id) {
  fake_sysv k;
  k.exists = true;
  object_selector sel;
  create_options none;
  take_all(sel, none, {{'i', "7"}});
  ipcutil::sysv_object obj;
  ck_assert(ipcutil::open_sysv(sel, none, k.type(), 0200, obj));
  ck_assert_int_eq(obj.id, 7);
  ck_assert(k.get_flags.empty());
  // No read permission: the id still names an object; the operation will
  // find out what it may do.
  k.stat_errno = EACCES;
  ck_assert(ipcutil::open_sysv(sel, none, k.type(), 0200, obj));
  for (int err : {EINVAL, EIDRM}) {
    k.stat_errno = err;
    outcome o = run_as_program([&] {
      object_selector s;
      create_options c;
      take_all(s, c, {{'i', "7"}});
      ipcutil::sysv_object o2;
      return ipcutil::open_sysv(s, c, k.type(), 0200, o2);
    });
    ck_assert_int_eq(o.status, 1);
    ck_assert_str_eq(o.err.c_str(),
                     "prog: message queue id 7 does not exist\n");
  }
}
END_TEST

// ------------------------------------------------ open_posix with fake opens

// Plays mq_open on a regular file in a private directory, so fchmod and
// fstat act on something real.
struct fake_posix {
  std::string path;
  std::vector<int> oflags;
  int create_errno = 0;

  ipcutil::posix_open_function open_fn() {
    return [this](int oflag, mode_t mode) {
      oflags.push_back(oflag);
      if ((oflag & O_CREAT) && create_errno != 0) {
        errno = create_errno;
        return ipcutil::posix_handle();
      }
      return ipcutil::posix_handle(
          ipcutil::object_kind::posix_mq,
          ::open(path.c_str(), oflag | O_CLOEXEC, mode));
    };
  }
};

constexpr ipcutil::object_kind mq_kind = ipcutil::object_kind::posix_mq;

object_selector name_selector() {
  object_selector sel;
  create_options none;
  take_all(sel, none, {{'n', "/q"}});
  return sel;
}

START_TEST(test_open_posix_create_sets_exact_mode) {
  char dir[] = "/tmp/test_object.XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  fake_posix p;
  p.path = std::string(dir) + "/q";
  create_options create;
  create.create = true;
  create.mode = 0664;
  umask(077);
  ipcutil::posix_object obj;
  ck_assert(ipcutil::open_posix(name_selector(), create, mq_kind, O_RDWR,
                                p.open_fn(), nullptr, obj));
  ck_assert(obj.created);
  struct stat st;
  ck_assert_int_eq(fstat(obj.handle.fd(), &st), 0);
  ck_assert_int_eq(st.st_mode & 0777, 0664);
  obj.handle.reset();
  ck_assert_int_eq(p.oflags[0], O_RDWR | O_CREAT | O_EXCL);

  // Again: found, ours, opened without O_CREAT, mode untouched.
  create.mode = 0600;
  ck_assert(ipcutil::open_posix(name_selector(), create, mq_kind, O_WRONLY,
                                p.open_fn(), nullptr, obj));
  ck_assert(!obj.created);
  ck_assert_int_eq(fstat(obj.handle.fd(), &st), 0);
  ck_assert_int_eq(st.st_mode & 0777, 0664);
  obj.handle.reset();
  ck_assert_int_eq(p.oflags.back(), O_WRONLY);

  // --exclusive refuses it.
  outcome o = run_as_program([&] {
    create_options excl;
    excl.create = excl.exclusive = true;
    ipcutil::posix_object o2;
    return ipcutil::open_posix(name_selector(), excl, mq_kind, O_RDWR,
                               p.open_fn(), nullptr, o2);
  });
  ck_assert_int_eq(o.status, 1);
  ck_assert_str_eq(
      o.err.c_str(),
      "prog: cannot create POSIX message queue '/q': File exists\n");

  // Root can make it someone else's: then --create refuses it.
  if (geteuid() == 0 && chown(p.path.c_str(), 65534, 65534) == 0) {
    outcome f = run_as_program([&] {
      create_options c;
      c.create = true;
      ipcutil::posix_object o2;
      return ipcutil::open_posix(name_selector(), c, mq_kind, O_RDWR,
                                 p.open_fn(), nullptr, o2);
    });
    ck_assert_int_eq(f.status, 1);
    ck_assert_str_eq(
        f.err.c_str(),
        "prog: POSIX message queue '/q' exists and belongs to uid 65534; "
        "use --allow-foreign to accept\n");
    create_options allow;
    allow.create = allow.allow_foreign = true;
    ck_assert(ipcutil::open_posix(name_selector(), allow, mq_kind, O_RDWR,
                                  p.open_fn(), nullptr, obj));
    obj.handle.reset();
  }
  unlink(p.path.c_str());
  rmdir(dir);
}
END_TEST

START_TEST(test_open_posix_errors) {
  fake_posix p;
  p.path = "/nonexistent-dir-for-test/q";
  outcome missing = run_as_program([&] {
    ipcutil::posix_object obj;
    return ipcutil::open_posix(name_selector(), create_options{}, mq_kind,
                               O_RDONLY, p.open_fn(), nullptr, obj);
  });
  ck_assert_int_eq(missing.status, 1);
  ck_assert_str_eq(missing.err.c_str(),
                   "prog: POSIX message queue '/q' does not exist\n");

  p.create_errno = ENOSPC;
  outcome explained = run_as_program([&] {
    create_options c;
    c.create = true;
    ipcutil::posix_object obj;
    return ipcutil::open_posix(
        name_selector(), c, mq_kind, O_RDONLY, p.open_fn(),
        [](int err) {
          return std::string(err == ENOSPC ? "too many queues" : "");
        },
        obj);
  });
  ck_assert_int_eq(explained.status, 1);
  ck_assert_str_eq(
      explained.err.c_str(),
      "prog: cannot create POSIX message queue '/q': too many queues\n");

  p.create_errno = EINVAL;
  outcome plain = run_as_program([&] {
    create_options c;
    c.create = true;
    ipcutil::posix_object obj;
    return ipcutil::open_posix(
        name_selector(), c, mq_kind, O_RDONLY, p.open_fn(),
        [](int) { return std::string(); }, obj);
  });
  ck_assert_int_eq(plain.status, 1);
  ck_assert_str_eq(
      plain.err.c_str(),
      "prog: cannot create POSIX message queue '/q': Invalid argument\n");
}
END_TEST

}  // namespace

Suite* object_suite() {
  Suite* s = suite_create("object");
  TCase* tc = tcase_create("options");
  tcase_add_test(tc, test_selector_options);
  tcase_add_test(tc, test_repeated_selector_last_wins);
  tcase_add_test(tc, test_create_options);
  tcase_add_test(tc, test_usage_errors);
  tcase_add_test(tc, test_valid_selections_pass);
  tcase_add_test(tc, test_describe);
  suite_add_tcase(s, tc);

  tc = tcase_create("sysv");
  tcase_add_test(tc, test_resolve_key);
  tcase_add_test(tc, test_owner_rules);
  tcase_add_test(tc, test_open_sysv_existing);
  tcase_add_test(tc, test_open_sysv_missing);
  tcase_add_test(tc, test_open_sysv_creates_with_exact_mode);
  tcase_add_test(tc, test_open_sysv_create_finds_ours);
  tcase_add_test(tc, test_open_sysv_create_refuses_foreign);
  tcase_add_test(tc, test_open_sysv_exclusive);
  tcase_add_test(tc, test_open_sysv_vanishing_object_is_created);
  tcase_add_test(tc, test_open_sysv_limit);
  tcase_add_test(tc, test_open_sysv_by_id);
  suite_add_tcase(s, tc);

  tc = tcase_create("posix");
  tcase_add_test(tc, test_open_posix_create_sets_exact_mode);
  tcase_add_test(tc, test_open_posix_errors);
  suite_add_tcase(s, tc);
  return s;
}
