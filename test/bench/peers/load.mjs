// The load generator of npm run bench, in a process of its own so that its work is not the servers'.
// Reads one JSON command per line on stdin and answers one JSON line on stdout per command:
//   {"url","method","headers","body","connections","seconds"}  ->  {"requests","seconds","p50","p99","non2xx","errors"}
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

function run({ url, method, headers, body, connections, seconds }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, method, headers, body, connections, duration: seconds, pipelining: 1, timeout: 30 }, (error, result) => {
      if (error) return reject(error);
      resolve({
        requests: result.requests.total,
        seconds: result.duration,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      });
    });
  });
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  try {
    console.log(JSON.stringify(await run(JSON.parse(line))));
  } catch (error) {
    console.log(JSON.stringify({ error: String(error) }));
  }
}
