/**
 * Neuron models: parameter records with their equations and the per-tick constants derived from them. Imports no
 * other snn4j package.
 */
package io.snn4j.neuron;
