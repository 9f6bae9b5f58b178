/**
 * "Restore this version" hands a version's values from the history page to the record
 * editor in memory (values can be up to 350 KB: too much for a URL). The editor's URL
 * carries only a token; after a reload the token finds nothing and the editor says so.
 * Offers are kept (StrictMode renders twice), the newest 20 at most.
 */
import type { FeatureValueLike } from '../domain/recordForm';

export interface RestoreOffer {
  group: string;
  recordId: string;
  /** What the version was, in words: "the version of 2026-01-02T10:00:00Z". */
  label: string;
  record: FeatureValueLike[];
}

const offers = new Map<string, RestoreOffer>();
const KEPT = 20;

export function offerRestore(offer: RestoreOffer): string {
  const token = crypto.randomUUID();
  offers.set(token, offer);
  while (offers.size > KEPT) offers.delete(offers.keys().next().value as string);
  return token;
}

export function findRestore(token: string): RestoreOffer | undefined {
  return offers.get(token);
}
