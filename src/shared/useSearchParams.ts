import { useSearch } from 'wouter';

/**
 * The query string, decoded exactly once. wouter's useSearch() has already applied `unescape`,
 * so parsing its result decodes twice (B2: `C%20A` became `C A`, `a+b` became `a b`). We use
 * useSearch only to re-render when the query changes, and parse the browser's raw search.
 */
export function useSearchParams(): URLSearchParams {
  useSearch();
  return new URLSearchParams(window.location.search);
}
