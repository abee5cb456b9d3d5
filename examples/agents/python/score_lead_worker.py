"""An Agent Hub agent in Python: ``score-lead``, a Temporal activity on its own task queue.

Agent Hub schedules a step of a declared agent as an activity whose type is the agent's name on
the agent's ``taskQueue`` (examples/agents/score-lead.yml). The activity receives one JSON object
(``arguments`` is the step's ``with``, templates rendered) and returns
``{"output": ..., "usage": {...}}``. Spans join the run's trace through the Temporal header
(``temporalio.contrib.opentelemetry.TracingInterceptor``) and go to the OTLP endpoint of the
standard ``OTEL_*`` variables.

Run:  python score_lead_worker.py   (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, AGENT_TASK_QUEUE)
"""

import asyncio
import os
import signal

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from temporalio import activity
from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.exceptions import ApplicationError
from temporalio.worker import Worker

# Failure types Agent Hub knows (README, "Your own agents"): a client error is not retried.
CLIENT_ERROR = "AgentClientError"

tracer = trace.get_tracer("score-lead")


@activity.defn(name="score-lead")
async def score_lead(request: dict) -> dict:
    """Scores a lead from its summary: longer, more specific summaries score higher."""
    arguments = request.get("arguments") or {}
    company = arguments.get("company")
    if not company:
        raise ApplicationError("company is required", type=CLIENT_ERROR, non_retryable=True)
    summary = arguments.get("summary") or ""
    threshold = float(arguments.get("threshold", 0.5))
    with tracer.start_as_current_span("score-lead model") as span:
        words = summary.split()
        score = round(min(1.0, 0.3 + len(words) / 50), 3)
        span.set_attribute("lead.score", score)
        span.set_attribute("agenthub.step", request.get("stepId") or "")
    activity.heartbeat()
    return {
        "output": {"company": company, "score": score, "hot": score >= threshold},
        # What this call consumed; Agent Hub adds it to the run's usage and cost counters.
        "usage": {
            "model": "lead-scorer-v1",
            "inputTokens": len(words),
            "outputTokens": 1,
            "costUsd": 0.0002,
        },
        "attempt": activity.info().attempt,
    }


async def main() -> None:
    provider = TracerProvider(
        resource=Resource.create(
            {"service.name": os.environ.get("OTEL_SERVICE_NAME", "score-lead-agent")}
        )
    )
    # OTLP/HTTP; the endpoint comes from OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT.
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)

    client = await Client.connect(
        os.environ.get("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
        namespace=os.environ.get("TEMPORAL_NAMESPACE", "default"),
        interceptors=[TracingInterceptor()],
    )
    task_queue = os.environ.get("AGENT_TASK_QUEUE", "python-agents")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with Worker(client, task_queue=task_queue, activities=[score_lead]):
        print(f"score-lead agent polling task queue {task_queue}", flush=True)
        await stop.wait()
    provider.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
