/**
 * The establishment registry check (INSEE Sirene): the {@link fr.caf38.cdap.eligibility.registry.EstablishmentRegistry}
 * port, its offline default and its HTTP adapter, chosen by {@code cdap.eligibility.registry.mode}.
 */
package fr.caf38.cdap.eligibility.registry;
