/**
 * Who may talk to the HTTP server: it binds 127.0.0.1 only, and a request
 * must name it in Host (and, from a browser, in Origin) so a web page whose
 * DNS name was rebound to 127.0.0.1 is refused (403).
 */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

/** Why the request is refused, or undefined when Host (and Origin, if sent) name this server. */
export function refusal(headers: { host?: string | undefined; origin?: string | undefined }, port: number): string | undefined {
  const host = headers.host?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) return `Host ${JSON.stringify(headers.host ?? '')} is not this server (expected 127.0.0.1:${port} or localhost:${port})`;
  const origin = headers.origin?.toLowerCase();
  if (origin !== undefined && !allowedOrigins(port).includes(origin)) return `Origin ${JSON.stringify(headers.origin)} may not use this server`;
  return undefined;
}
