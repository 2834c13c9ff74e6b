## C peers: programs that use the raw system calls the way the tutorial does.

# The tutorial's message queue sender and receiver (seed: sender.c and
# receiver.c), with error checks added.
check_PROGRAMS += tests/helpers/tut-sender tests/helpers/tut-receiver
tests_helpers_tut_sender_SOURCES = tests/helpers/tut-sender.c
tests_helpers_tut_receiver_SOURCES = tests/helpers/tut-receiver.c

# Sends a signal COUNT times (sigqueue, kill or tgkill), and starts a program
# with a careless parent's signal state (blocked or ignored signals).
check_PROGRAMS += tests/helpers/sigqueue-burst tests/helpers/sigmask-exec
tests_helpers_sigqueue_burst_SOURCES = tests/helpers/sigqueue-burst.c
tests_helpers_sigmask_exec_SOURCES = tests/helpers/sigmask-exec.c

# The tutorial's shared memory writer and reader (seed: writer.c and
# reader.c, ftok("shmfile", 65)), and a POSIX shm_open/mmap peer that can
# also shrink an object under a reader.
check_PROGRAMS += tests/helpers/shm_writer tests/helpers/shm_reader tests/helpers/shm_posix
tests_helpers_shm_writer_SOURCES = tests/helpers/shm_writer.c
tests_helpers_shm_reader_SOURCES = tests/helpers/shm_reader.c
tests_helpers_shm_posix_SOURCES = tests/helpers/shm_posix.c

# The tutorial's semaphore producer and consumer (seed: producer.c and
# consumer.c of the semaphore section), with error checks added.
check_PROGRAMS += tests/helpers/sem_producer tests/helpers/sem_consumer
tests_helpers_sem_producer_SOURCES = tests/helpers/sem_producer.c
tests_helpers_sem_consumer_SOURCES = tests/helpers/sem_consumer.c

# ipcclean's peer: a holder that keeps an object in use in each way
# ipcclean must see.
check_PROGRAMS += tests/helpers/ipc-holder
tests_helpers_ipc_holder_SOURCES = tests/helpers/ipc-holder.c

# The tutorial's FIFO chat (seed: chat_A.c, chat_B.c) and FIFO writer
# (seed: writer.c), with error checks added: the peers of fifochat.
check_PROGRAMS += tests/helpers/chat_A tests/helpers/chat_B tests/helpers/fifo_writer
tests_helpers_chat_A_SOURCES = tests/helpers/chat_A.c
tests_helpers_chat_B_SOURCES = tests/helpers/chat_B.c
tests_helpers_fifo_writer_SOURCES = tests/helpers/fifo_writer.c

# The tutorial's UNIX domain socket server and client (seed: server.c and
# client.c, section 5), both on "my_socket", with error checks added.
check_PROGRAMS += tests/helpers/tut-uds-server tests/helpers/tut-uds-client
tests_helpers_tut_uds_server_SOURCES = tests/helpers/tut-uds-server.c
tests_helpers_tut_uds_client_SOURCES = tests/helpers/tut-uds-client.c

# Many senders of real-time signals at once (tests/load/signals.sh): the
# value says which sender and which signal of its sequence.
check_PROGRAMS += tests/helpers/sigqueue-load
tests_helpers_sigqueue_load_SOURCES = tests/helpers/sigqueue-load.c
