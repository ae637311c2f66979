// Promise.withResolvers arrived in Node 22; PostGraphile v5 calls it, so on Node 20 it is loaded with --import.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  };
}
