// Every long-only option code that libipcutil handles, in one place, so two
// modules can never hand out the same code and a new program sees at once
// which are taken.  Programs number their own long-only options from
// CHAR_MAX + 1 up, far below option_first_library.
//
// The headers that spell these options (program.hh, deadline.hh,
// object.hh, msgqueue.hh, semaphore.hh, shm.hh) take their codes from here.
#pragma once

namespace ipcutil {

enum : int {
  option_first_library = 0x1000,
  // object.hh: creation
  option_allow_foreign = 0x1000,
  // msgqueue.hh: attributes of a created POSIX queue
  option_max_messages,
  option_message_size,
  // semaphore.hh: what semsig and semwait share
  option_nsems = 0x1100,
  option_show,
  // semaphore.hh and shm.hh: --remove
  option_remove,
  // shm.hh: what shmput and shmget share
  option_lock = 0x1200,
  option_force,
  // program.hh: every program
  option_help = 0x2000,
  option_version,
  // deadline.hh: waiting
  option_nonblock = 0x2100,
};

// The long name of each code above, for tables and tests.
struct library_option {
  int code;
  const char* name;
};
inline constexpr library_option library_options[] = {
    {option_allow_foreign, "allow-foreign"},
    {option_max_messages, "max-messages"},
    {option_message_size, "message-size"},
    {option_nsems, "nsems"},
    {option_show, "show"},
    {option_remove, "remove"},
    {option_lock, "lock"},
    {option_force, "force"},
    {option_help, "help"},
    {option_version, "version"},
    {option_nonblock, "nonblock"},
};

// The long name of CODE, or nullptr if CODE is not a library option.
constexpr const char* library_option_name(int code) {
  for (const library_option& o : library_options)
    if (o.code == code) return o.name;
  return nullptr;
}

}  // namespace ipcutil
