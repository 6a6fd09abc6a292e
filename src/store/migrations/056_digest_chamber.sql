-- A digest follows one chamber or both (issue 18): NULL = both (every subscription made before the Sénat arrived).
ALTER TABLE digest_subscriptions ADD COLUMN chamber TEXT CHECK (chamber IN ('an', 'senat'));
