/**
 * The register_entry columns under the entity's property names, as TypeORM would load them,
 * for the RETURNING or SELECT list of a hand-written statement (`alias` '' for none).
 */
export function entryColumns(alias: string): string {
  const a = alias === '' ? '' : `${alias}.`;
  return `${a}id, ${a}register_id AS "registerId", ${a}year_be AS "yearBe", ${a}number,
    ${a}document_id AS "documentId", ${a}registered_at AS "registeredAt",
    ${a}letter_number AS "letterNumber", ${a}letter_date::text AS "letterDate",
    ${a}from_text AS "fromText", ${a}to_text AS "toText", ${a}subject, ${a}urgency, ${a}action,
    ${a}remarks, ${a}registered_by_user_id AS "registeredByUserId", ${a}position_id AS "positionId",
    ${a}idempotency_key AS "idempotencyKey", ${a}cancelled_at AS "cancelledAt",
    ${a}cancel_reason AS "cancelReason", ${a}cancelled_by_user_id AS "cancelledByUserId"`;
}

/** The columns a new line is inserted with (the cancellation columns stay null). */
export const LINE_COLUMNS = `id, register_id, year_be, number, document_id, registered_at, letter_number,
  letter_date, from_text, to_text, subject, urgency, action, remarks, registered_by_user_id,
  position_id, idempotency_key`;
