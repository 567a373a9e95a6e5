-- The people whose search text is still to be written (store::people::fill_search_texts looks
-- for them at every start): without this index that look is a scan of everyone, 3.5 s for a
-- region of 500,000 people on PostgreSQL.
CREATE INDEX users_search_text_missing ON users (id) WHERE search_text = '';
