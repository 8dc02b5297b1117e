/**
 * The rules of a request's fields ({@code domain.md}), free of HTTP and JSON: a loosely-typed form in,
 * every error at once or a normalised request out. Shared by the API and any server-side form.
 */
package fr.caf38.cdap.intake.validation;
