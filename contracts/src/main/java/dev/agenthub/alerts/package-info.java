/**
 * The alert-notification workflow's interface and wire records: Alertmanager groups sent to a
 * notify channel with retries. The implementation lives in the worker module, same package.
 */
package dev.agenthub.alerts;
