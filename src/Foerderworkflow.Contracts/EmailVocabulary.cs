namespace Foerderworkflow.Contracts;

/// <summary>The template names a workflow may put into <see cref="SendEmail.Template"/>; the notification worker has a German template for each.</summary>
public static class EmailTemplates
{
    public const string Eingangsbestaetigung = nameof(Eingangsbestaetigung);
    public const string Nachforderung = nameof(Nachforderung);
    public const string Fristerinnerung = nameof(Fristerinnerung);
    public const string Tagesordnung = nameof(Tagesordnung);
    public const string Umlaufverfahren = nameof(Umlaufverfahren);
    public const string Bewilligung = nameof(Bewilligung);
    public const string Annahmebestaetigung = nameof(Annahmebestaetigung);
    public const string Bestandskraft = nameof(Bestandskraft);
    public const string Aenderungsgenehmigung = nameof(Aenderungsgenehmigung);
    public const string Aenderungsablehnung = nameof(Aenderungsablehnung);
    public const string Vertagung = nameof(Vertagung);
    public const string VerwendungsnachweisEingang = nameof(VerwendungsnachweisEingang);
    public const string Rueckzugsbestaetigung = nameof(Rueckzugsbestaetigung);
    public const string Ablehnung = nameof(Ablehnung);
    public const string Unterschriftserinnerung = nameof(Unterschriftserinnerung);
    public const string Auszahlung = nameof(Auszahlung);
    public const string VerwendungsnachweisErinnerung = nameof(VerwendungsnachweisErinnerung);
    public const string VerwendungsnachweisMahnung = nameof(VerwendungsnachweisMahnung);
    public const string VerwendungsnachweisFaelligHeute = nameof(VerwendungsnachweisFaelligHeute);
    public const string Rueckforderung = nameof(Rueckforderung);
    public const string RueckzahlungErinnerung = nameof(RueckzahlungErinnerung);
    public const string RueckzahlungFaelligHeute = nameof(RueckzahlungFaelligHeute);
    public const string RueckzahlungMahnung = nameof(RueckzahlungMahnung);
    public const string Abschluss = nameof(Abschluss);
}

/// <summary>
/// The keys of <see cref="SendEmail.Values"/>. Values travel in machine formats and the notification worker formats
/// them for display (German): dates as ISO <c>yyyy-MM-dd</c> (an ISO date-time is read as the day in Germany), moments
/// (date and time) as ISO 8601 with offset, shown in German local time, money
/// in euros as an invariant decimal (<c>1234.56</c>, no currency sign, no thousands separator), lists as lines
/// separated by <c>'\n'</c>, text as is.
/// </summary>
public static class EmailFields
{
    /// <summary>File number shown to the applicant (text); without it the worker uses the application id.</summary>
    public const string Aktenzeichen = nameof(Aktenzeichen);

    /// <summary>Display name of the fund (text); without it the worker uses <see cref="SendEmail.Fund"/>.</summary>
    public const string Foerderprogramm = nameof(Foerderprogramm);

    /// <summary>Budget year (filled by the worker from <see cref="SendEmail.BudgetYear"/>).</summary>
    public const string Haushaltsjahr = nameof(Haushaltsjahr);

    /// <summary>Title of the project (text).</summary>
    public const string Projekttitel = nameof(Projekttitel);

    /// <summary>Expected decision date (date).</summary>
    public const string EntscheidungBis = nameof(EntscheidungBis);

    /// <summary>Contact person at the office, name and phone (text).</summary>
    public const string Ansprechperson = nameof(Ansprechperson);

    /// <summary>The points the applicant must add or correct (list).</summary>
    public const string Nachforderungen = nameof(Nachforderungen);

    /// <summary>Last day to answer a change request (date).</summary>
    public const string Antwortfrist = nameof(Antwortfrist);

    /// <summary>The committee discussing the application (text).</summary>
    public const string Gremium = nameof(Gremium);

    /// <summary>Day and time of the session (date and time; a date alone still reads as the day).</summary>
    public const string Sitzungstermin = nameof(Sitzungstermin);

    /// <summary>When the members' written procedure closes (date and time).</summary>
    public const string Abstimmungsende = nameof(Abstimmungsende);

    /// <summary>Where the session takes place (text).</summary>
    public const string Sitzungsort = nameof(Sitzungsort);

    /// <summary>An amount in euros (money): granted, paid out or reclaimed.</summary>
    public const string Betrag = nameof(Betrag);

    /// <summary>Conditions of the grant (list).</summary>
    public const string Auflagen = nameof(Auflagen);

    /// <summary>Reasons for a rejection, a reclaim, a refused change or a deferral (list).</summary>
    public const string Gruende = nameof(Gruende);

    /// <summary>Deadline to sign or acknowledge (date).</summary>
    public const string Frist = nameof(Frist);

    /// <summary>Expected day of the payout (date).</summary>
    public const string Auszahlungsdatum = nameof(Auszahlungsdatum);

    /// <summary>Due day of the proof of use or of a repayment (date).</summary>
    public const string Faelligkeit = nameof(Faelligkeit);

    /// <summary>New last day after a dunning (date).</summary>
    public const string NeueFrist = nameof(NeueFrist);

    /// <summary>Day from which a reclaimed amount bears interest (date).</summary>
    public const string ZinsenAb = nameof(ZinsenAb);

    /// <summary>The fund's Rechtsbehelfsbelehrung (text), the same words as in the Bescheid; missing: the worker's configured default.</summary>
    public const string Rechtsbehelfsbelehrung = nameof(Rechtsbehelfsbelehrung);

    /// <summary>The file name of the Bescheid attached to the e-mail (text); missing: nothing attached (made known through the portal).</summary>
    public const string Anhang = nameof(Anhang);
}
