-- `work_queue.item_added` (API.md "Webhooks"): an item is announced once, when it first
-- shows in the queue (at once, or on its `visible_from` day). The flag is written with the
-- item, in the change's transaction, so a crash before the announcement loses nothing: the
-- webhook worker's next pass finds the row. Items that exist already count as announced.
ALTER TABLE work_items ADD COLUMN announced INTEGER NOT NULL DEFAULT 1;
CREATE INDEX work_items_unannounced ON work_items(visible_from) WHERE announced = 0;
