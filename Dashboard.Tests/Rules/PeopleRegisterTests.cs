using Dashboard.Situation.Live;
using Dashboard.Situation;

namespace Dashboard.Tests.Rules;

/// <summary>Everyone named in the reports, as of a moment: the latest word on each, retracted reports taken back.</summary>
public class PeopleRegisterTests
{
    private static readonly Source Embassy = new("Embassy", SourceKind.Government);
    private long _sequence;

    private Report Named(string at, params NamedPerson[] people) => new($"r{++_sequence}", "test", DateTimeOffset.Parse(at), Embassy,
        "Said.", null, [], null, people, DateTimeOffset.Parse(at), _sequence);

    private static long Ticks(string at) => DateTimeOffset.Parse(at).UtcTicks;

    [Fact]
    public void A_retracted_reports_people_go_from_its_retraction_on_and_another_reports_people_stay()
    {
        var missing = Named("2013-01-18T10:00:00+01:00", new("Alan Smith", "GB", FigureStatus.Missing), new("Kenji Sato", "JP", FigureStatus.Missing));
        var freed = Named("2013-01-18T10:00:00+01:00", new NamedPerson("Ole Berg", "NO", FigureStatus.Freed));
        var register = PeopleRegister.Empty.Add(missing).Add(freed);

        register = register.Retract(missing.Id, Ticks("2013-01-18T12:00:00+01:00"));

        Assert.Equal(["Alan Smith", "Kenji Sato", "Ole Berg"], register.At(Ticks("2013-01-18T11:00:00+01:00")).Select(r => r.Person.Name));
        Assert.Equal(["Ole Berg"], register.At(Ticks("2013-01-18T12:00:00+01:00")).Select(r => r.Person.Name));
        Assert.Same(register, register.Retract("unknown", Ticks("2013-01-18T12:00:00+01:00")));
    }

    [Fact]
    public void The_latest_word_on_a_person_is_what_the_register_says()
    {
        var register = PeopleRegister.Empty
            .Add(Named("2013-01-17T10:00:00+01:00", new NamedPerson("Alan Smith", "GB", FigureStatus.Missing)))
            .Add(Named("2013-01-18T10:00:00+01:00", new NamedPerson("alan smith", "GB", FigureStatus.Freed)));

        Assert.Equal(FigureStatus.Missing, register.At(Ticks("2013-01-17T12:00:00+01:00")).Single().Person.Status);
        Assert.Equal(FigureStatus.Freed, register.At(Ticks("2013-01-18T12:00:00+01:00")).Single().Person.Status);
    }
}
