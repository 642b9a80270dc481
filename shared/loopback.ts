// Host names that mean "this computer": a webhook address no provider can call back, and a hub
// reached without leaving the computer (so a till may talk to it without TLS).
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    ['::1', '0.0.0.0', '::'].includes(name)
  );
}
