/*
 * Webhook replays and read visibility: the ids of the webhook deliveries
 * received, per source, so that a delivery received again is ignored
 * (forgotten after plinth.dora.webhooks.deliveryRetention); and a row of
 * dora_entities for every entity with events, so that the entities a caller
 * may see in the catalog are checked against all of them (the store adds the
 * row with the first event from now on; here, for the events stored before,
 * with facets unread: refreshed_at 0).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_webhook_deliveries', table => {
    table.comment(
      'The ids of the webhook deliveries received, per event source, to ignore a delivery received again',
    );
    table
      .string('source', 64)
      .notNullable()
      .comment('The id of the event source, e.g. github');
    table
      .string('delivery_id', 255)
      .notNullable()
      .comment(
        "The sender's id of the delivery: GitHub's X-GitHub-Delivery, PagerDuty's event.id",
      );
    table
      .bigInteger('received_at')
      .notNullable()
      .comment('When it was received, in epoch milliseconds');
    table.primary(['source', 'delivery_id']);
    table.index(['received_at'], 'dora_webhook_deliveries_received_idx');
  });

  await knex.raw(`
    INSERT INTO dora_entities (entity_ref, refreshed_at)
    SELECT e.entity_ref, 0 FROM (
      SELECT entity_ref FROM dora_changes
      UNION SELECT entity_ref FROM dora_deployments
      UNION SELECT entity_ref FROM dora_incidents
    ) e
    WHERE NOT EXISTS (
      SELECT 1 FROM dora_entities x WHERE x.entity_ref = e.entity_ref
    )`);
};

/**
 * The rows added to dora_entities stay: they are read as any other at the
 * next facets refresh.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_webhook_deliveries');
};
