/** Whether a socket's remote address is this machine (the only caller the demo key is shown to). */
export const isLoopbackAddress = (address: string | undefined): boolean =>
  !!address && /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/.test(address);
