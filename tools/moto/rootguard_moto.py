"""moto 5.2.1 with AWS's documented answers where it has none (tests/RootGuard.Testing/MOTO-NOTES.md).

Every moto RootGuard starts loads this: the xunit fixture (MotoServerFixture), the Pester suite (RootGuard.TestSupport)
and the demo (demo/run.sh, which runs this file as the server). Each answer is the one AWS documents for an account
without the feature in use, so a working setup is judged as it would be in AWS; tests that exercise the feature stub it.
"""


def apply():
    # CloudWatch alarm mute rules: moto answers ListAlarmMuteRules with an HTML 500, a failed read that turns every
    # working RG.ROOT.6 into a Warning. AWS answers an empty list for an alarm no mute rule targets.
    from moto.cloudwatch.responses import CloudWatchResponse
    from moto.core.responses import ActionResult

    if not hasattr(CloudWatchResponse, "list_alarm_mute_rules"):
        CloudWatchResponse.list_alarm_mute_rules = lambda self: ActionResult({"AlarmMuteRuleSummaries": []})


if __name__ == "__main__":
    import sys
    from moto.server import main

    apply()
    main(sys.argv[1:])
