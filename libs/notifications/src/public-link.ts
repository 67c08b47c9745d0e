/** `PUBLIC_BASE_URL` + a path into wian; an absolute http(s) URL is kept as it is. */
export function publicLink(baseUrl: string, path: string | null): string | null {
  if (path === null || path === '') return null;
  if (/^https?:\/\//i.test(path)) return path;
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
