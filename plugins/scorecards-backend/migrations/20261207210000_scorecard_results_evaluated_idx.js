/*
 * Results by when they were written: every replica asks each second which
 * entities' results changed since it last looked, to forget their cached
 * cards (src/service/CardCacheFollower.ts).
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_results', table => {
    table.index(['evaluated_at'], 'scorecard_results_evaluated_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecard_results', table => {
    table.dropIndex(['evaluated_at'], 'scorecard_results_evaluated_idx');
  });
};
