/** The HTTP edge shared by the endpoints: problem answers in French, strict JSON, rate limit, OpenAPI. */
package fr.caf38.cdap.intake.web;
