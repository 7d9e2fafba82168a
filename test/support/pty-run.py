# Runs a command on a pseudo-terminal, as a person at a terminal would: its output (the whole terminal transcript)
# goes to our stdout; answers come as JSON on our stdin, [["text to wait for", "answer"], ...], each typed (with
# Enter) once the text has appeared. Answers are never on argv or in the environment. Exits with the command's code.
import json, os, pty, select, sys

def main():
    answers = json.loads(sys.stdin.read() or '[]')
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[1], sys.argv[1:])
    transcript = b''
    seen = 0
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 120)
        except InterruptedError:
            continue
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        transcript += chunk
        sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
        while answers and answers[0][0].encode() in transcript[seen:]:
            seen = transcript.index(answers[0][0].encode(), seen) + len(answers[0][0])
            os.write(fd, answers[0][1].encode() + b'\r')
            answers.pop(0)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, 'waitstatus_to_exitcode') else status >> 8)

main()
