/**
 * The partner's web pages, server-rendered in French: the request form ({@code GET /}, {@code POST
 * /demande}), its confirmation, and the tracking page of the emails' link ({@code /suivi/{id}?token=}).
 * They work without JavaScript, go through the same validator, submission service and rate limit as
 * the API, and protect the form with a double-submit cookie (no session is kept).
 */
package fr.caf38.cdap.intake.pages;
