using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Util;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// In place of AWSSDK.Core's <see cref="MetricsHandler"/>: while the client's telemetry goes nowhere (the SDK's
    /// default no-op tracer and meter), the same request metrics and metric logging without a span for each call.
    /// The SDK's handler records a failure on its span by reading the exception's <c>StackTrace</c>, even for the
    /// no-op span that drops it, and the first such read in a process loads the runtime's source-line machinery
    /// (about 20 ms, traced in bench/README.md). RootGuard meets failures on the way (a missing rule or topic on a
    /// fresh account is a <c>NotFound</c>), so a runbook paid that on every run for nothing. When a tracer or meter
    /// is registered (<c>AWSConfigs.TelemetryProvider</c>, checked on every call, as it may be registered after the
    /// client is made), the call goes through the SDK's own handler.
    /// </summary>
    internal sealed class UntracedMetricsHandler : PipelineHandler
    {
        private static readonly Type? NoOpTracerProvider =
            typeof(AmazonServiceClient).Assembly.GetType("Amazon.Runtime.Telemetry.Tracing.NoOp.NoOpTracerProvider");

        private static readonly Type? NoOpMeterProvider =
            typeof(AmazonServiceClient).Assembly.GetType("Amazon.Runtime.Telemetry.Metrics.NoOp.NoOpMeterProvider");

        private MetricsHandler? traced;

        public override void InvokeSync(IExecutionContext executionContext)
        {
            if (!Untraced(executionContext))
            {
                Traced().InvokeSync(executionContext);
                return;
            }

            var metrics = executionContext.RequestContext.Metrics;
            metrics.AddProperty(Metric.AsyncCall, false);
            metrics.StartEvent(Metric.ClientExecuteTime);
            try
            {
                base.InvokeSync(executionContext);
            }
            finally
            {
                metrics.StopEvent(Metric.ClientExecuteTime);
                LogMetrics(executionContext);
            }
        }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            if (!Untraced(executionContext))
            {
                return await Traced().InvokeAsync<T>(executionContext).ConfigureAwait(false);
            }

            var metrics = executionContext.RequestContext.Metrics;
            metrics.AddProperty(Metric.AsyncCall, true);
            metrics.StartEvent(Metric.ClientExecuteTime);
            try
            {
                return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            }
            finally
            {
                metrics.StopEvent(Metric.ClientExecuteTime);
                LogMetrics(executionContext);
            }
        }

        /// <summary>Whether this call's telemetry is the SDK's no-op default (an unknown SDK layout counts as traced).</summary>
        internal static bool Untraced(IExecutionContext executionContext)
        {
            var telemetry = executionContext.RequestContext.ClientConfig.TelemetryProvider;
            return NoOpTracerProvider is not null && NoOpMeterProvider is not null && telemetry is not null
                   && telemetry.TracerProvider?.GetType() == NoOpTracerProvider
                   && telemetry.MeterProvider?.GetType() == NoOpMeterProvider;
        }

        /// <summary>The SDK's handler, in this one's place in the pipeline.</summary>
        private MetricsHandler Traced() =>
            traced ??= new MetricsHandler { InnerHandler = InnerHandler, OuterHandler = OuterHandler, Logger = Logger };
    }
}
