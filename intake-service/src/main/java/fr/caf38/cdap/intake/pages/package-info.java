/**
 * The partner's web pages, server-rendered in French: the request form ({@code GET /}, {@code POST
 * /demande}), its confirmation, the tracking page of the emails' link ({@code /suivi/{id}?token=}), and
 * the amendment form of a demande de compléments ({@code /suivi/{id}/modifier?token=}) with its confirmation.
 * They work without JavaScript, go through the same validator, submission service and rate limit as
 * the API (the amendment form through the API's amendment rules and service), and protect the forms with a
 * double-submit cookie (no session is kept).
 */
package fr.caf38.cdap.intake.pages;
