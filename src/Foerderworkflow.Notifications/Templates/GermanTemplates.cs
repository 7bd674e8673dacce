using System.Collections.Frozen;
using Foerderworkflow.Contracts;
using static Foerderworkflow.Notifications.Templates.TemplateBlock;

namespace Foerderworkflow.Notifications.Templates;

/// <summary>
/// The e-mails an applicant gets along the process (docs/DOMAIN: "The process"), by the name a workflow puts into
/// <c>SendEmail.Template</c>. Every template may also use <c>{Aktenzeichen}</c> (the value of that name, else the
/// application id), <c>{Foerderprogramm}</c> (the value of that name, else the fund id) and <c>{Haushaltsjahr}</c>; the renderer adds the greeting,
/// the link to the status page and the signature. A paragraph naming an optional field is left out without it.
/// Template names are <see cref="EmailTemplates"/>, field names <see cref="EmailFields"/>.
/// </summary>
internal static class GermanTemplates
{
    /// <summary>Placeholders every template may use without declaring them.</summary>
    public static readonly FrozenSet<string> BuiltIn = FrozenSet.ToFrozenSet([EmailFields.Aktenzeichen, EmailFields.Foerderprogramm, EmailFields.Haushaltsjahr], StringComparer.Ordinal);

    public static FrozenDictionary<string, EmailTemplate> All { get; } = new EmailTemplate[]
    {
        new(EmailTemplates.Eingangsbestaetigung, "Eingangsbestätigung für Ihren Förderantrag {Aktenzeichen}",
            [
                Paragraph("vielen Dank für Ihren Antrag „{Projekttitel}“ im Förderprogramm {Foerderprogramm} ({Haushaltsjahr}). Er ist bei uns eingegangen und hat das Aktenzeichen {Aktenzeichen}. Bitte geben Sie es bei allen Rückfragen an."),
                Paragraph("So geht es weiter: Die Koordinierungs- und Fachstelle prüft Ihren Antrag zunächst formal (Vollständigkeit, Förderfähigkeit, Finanzierungsplan). Fehlen Angaben, melden wir uns bei Ihnen. Danach wird über Ihren Antrag beraten."),
                Paragraph("Mit einer Entscheidung rechnen wir bis zum {EntscheidungBis}.", EmailFields.EntscheidungBis),
                Paragraph("Bitte beginnen Sie Ihr Projekt nicht vor der Bewilligung: Ausgaben vor dem Bescheid können nicht gefördert werden."),
                Paragraph("Ihre Ansprechperson: {Ansprechperson}", EmailFields.Ansprechperson),
            ],
            [new(EmailFields.Projekttitel, FieldKind.Text), new(EmailFields.EntscheidungBis, FieldKind.Date, Required: false), new(EmailFields.Ansprechperson, FieldKind.Text, Required: false)]),

        new(EmailTemplates.Nachforderung, "Rückfrage zu Ihrem Förderantrag {Aktenzeichen}",
            [
                List("bei der Prüfung Ihres Antrags {Aktenzeichen} sind uns noch folgende Punkte aufgefallen:", EmailFields.Nachforderungen),
                Paragraph("Bitte ergänzen oder korrigieren Sie Ihren Antrag bis zum {Antwortfrist} über Ihre Statusseite. Erst danach können wir ihn weiter bearbeiten. Geht bis dahin keine Antwort ein, kann der Antrag nicht berücksichtigt werden."),
            ],
            [new(EmailFields.Nachforderungen, FieldKind.List), new(EmailFields.Antwortfrist, FieldKind.Date)]),

        new(EmailTemplates.Fristerinnerung, "Erinnerung: Ihre Antwort zum Förderantrag {Aktenzeichen} bis zum {Antwortfrist}",
            [
                Paragraph("wir haben Sie um Ergänzungen zu Ihrem Antrag {Aktenzeichen} gebeten. Die Frist dafür endet am {Antwortfrist}. Bitte reichen Sie die fehlenden Angaben rechtzeitig über Ihre Statusseite ein."),
                Paragraph("Haben Sie Ihre Antwort schon geschickt, betrachten Sie diese E-Mail bitte als gegenstandslos."),
            ],
            [new(EmailFields.Antwortfrist, FieldKind.Date)]),

        new(EmailTemplates.Tagesordnung, "Ihr Förderantrag {Aktenzeichen} wird am {Sitzungstermin} beraten",
            [
                Paragraph("Ihr Antrag {Aktenzeichen} steht auf der Tagesordnung: {Gremium}, Sitzung am {Sitzungstermin}."),
                Paragraph("Ort der Sitzung: {Sitzungsort}.", EmailFields.Sitzungsort),
                Paragraph("Sie sind herzlich eingeladen, Ihr Projekt dort kurz vorzustellen und Fragen zu beantworten. Bitte teilen Sie uns mit, ob Sie teilnehmen. Über die Förderung entscheidet anschließend die bewilligende Stelle; Sie erhalten einen schriftlichen Bescheid."),
            ],
            [new(EmailFields.Gremium, FieldKind.Text), new(EmailFields.Sitzungstermin, FieldKind.Moment), new(EmailFields.Sitzungsort, FieldKind.Text, Required: false)]),

        new(EmailTemplates.Umlaufverfahren, "Ihr Förderantrag {Aktenzeichen} wird im Umlaufverfahren beraten",
            [
                Paragraph("über Ihren Antrag {Aktenzeichen} berät das Gremium ({Gremium}) im schriftlichen Umlaufverfahren: Die Mitglieder stimmen bis zum {Abstimmungsende} schriftlich ab. Eine Sitzung findet dafür nicht statt, Sie müssen nichts weiter tun."),
                Paragraph("Über die Förderung entscheidet anschließend die bewilligende Stelle; Sie erhalten einen schriftlichen Bescheid."),
            ],
            [new(EmailFields.Gremium, FieldKind.Text), new(EmailFields.Abstimmungsende, FieldKind.Moment)]),

        new(EmailTemplates.Bewilligung, "Bewilligung Ihres Förderantrags {Aktenzeichen}",
            [
                Paragraph("wir freuen uns, Ihnen mitteilen zu können: Ihr Antrag {Aktenzeichen} wird mit {Betrag} aus dem Förderprogramm {Foerderprogramm} ({Haushaltsjahr}) gefördert."),
                List("Die Förderung ist mit folgenden Auflagen verbunden:", EmailFields.Auflagen),
                Paragraph("Bitte nehmen Sie die Zuwendung bis zum {Frist} auf Ihrer Statusseite an oder verzichten Sie dort auf einen Rechtsbehelf; bis zu diesem Tag können Sie auch einen Rechtsbehelf einlegen.", EmailFields.Frist),
                Paragraph("Der Zuwendungsbescheid liegt dieser E-Mail als PDF bei ({Anhang}).", EmailFields.Anhang),
                Paragraph("Den Zuwendungsbescheid finden Sie auf Ihrer Statusseite. Mittel können ausgezahlt werden, sobald der Bescheid bestandskräftig ist (Sie können darauf verzichten, einen Rechtsbehelf einzulegen, dann wird er sofort bestandskräftig) oder der Weiterleitungsvertrag unterschrieben ist. Rufen Sie bitte nur so viel ab, wie Sie innerhalb von sechs Wochen für fällige Zahlungen benötigen."),
                AppealInformation(),
            ],
            [new(EmailFields.Betrag, FieldKind.Money), new(EmailFields.Auflagen, FieldKind.List, Required: false), new(EmailFields.Frist, FieldKind.Date, Required: false),
                new(EmailFields.Anhang, FieldKind.Text, Required: false)]),

        new(EmailTemplates.Annahmebestaetigung, "Annahme der Zuwendung zu {Aktenzeichen} eingegangen",
            [
                Paragraph("wir haben Ihre Erklärung zur Zuwendung für Ihren Antrag {Aktenzeichen} erhalten. Sie können die Mittel jetzt auf Ihrer Statusseite abrufen."),
                Paragraph("Rufen Sie bitte nur so viel ab, wie Sie innerhalb von sechs Wochen für fällige Zahlungen benötigen."),
            ],
            []),

        new(EmailTemplates.Bestandskraft, "Ihr Zuwendungsbescheid zu {Aktenzeichen} ist bestandskräftig",
            [
                Paragraph("die Frist für einen Rechtsbehelf gegen den Bescheid zu Ihrem Antrag {Aktenzeichen} ist abgelaufen; der Bescheid ist damit bestandskräftig. Sie können die Mittel jetzt auf Ihrer Statusseite abrufen."),
                Paragraph("Rufen Sie bitte nur so viel ab, wie Sie innerhalb von sechs Wochen für fällige Zahlungen benötigen."),
            ],
            []),

        new(EmailTemplates.Aenderungsgenehmigung, "Ihre Änderung zum Förderantrag {Aktenzeichen} ist genehmigt",
            [
                Paragraph("das federführende Amt hat Ihren Änderungsantrag zu Ihrem Antrag {Aktenzeichen} genehmigt. Der geänderte Kosten- und Finanzierungsplan gilt ab sofort; Sie finden ihn auf Ihrer Statusseite."),
            ],
            []),

        new(EmailTemplates.Aenderungsablehnung, "Ihre Änderung zum Förderantrag {Aktenzeichen} ist nicht genehmigt",
            [
                List("das federführende Amt hat Ihren Änderungsantrag zu Ihrem Antrag {Aktenzeichen} nicht genehmigt. Die Gründe:", EmailFields.Gruende),
                Paragraph("Es gilt weiter der bewilligte Kosten- und Finanzierungsplan; Ausgaben, die davon abweichen, können im Verwendungsnachweis nicht anerkannt werden. Bei Fragen sprechen Sie uns gern an."),
                AppealInformation(),
            ],
            [new(EmailFields.Gruende, FieldKind.List)]),

        new(EmailTemplates.Vertagung, "Die Beratung Ihres Förderantrags {Aktenzeichen} ist vertagt",
            [
                List("über Ihren Antrag {Aktenzeichen} hat das Gremium ({Gremium}) noch nicht entschieden:", EmailFields.Gruende),
                Paragraph("Der Antrag wird in einer der nächsten Sitzungen erneut beraten; den Termin teilen wir Ihnen mit. Sie müssen dafür nichts tun."),
            ],
            [new(EmailFields.Gremium, FieldKind.Text), new(EmailFields.Gruende, FieldKind.List)]),

        new(EmailTemplates.VerwendungsnachweisEingang, "Verwendungsnachweis zu {Aktenzeichen} eingegangen",
            [
                Paragraph("Ihr Verwendungsnachweis zum Antrag {Aktenzeichen} ist bei uns eingegangen; Sie geben Ausgaben von {Betrag} an. Das federführende Amt prüft ihn jetzt."),
                Paragraph("Fehlt etwas, melden wir uns bei Ihnen. Nach der Prüfung erhalten Sie eine Nachricht, ob das Verfahren abgeschlossen ist oder Mittel zurückzuzahlen sind."),
            ],
            [new(EmailFields.Betrag, FieldKind.Money)]),

        new(EmailTemplates.Rueckzugsbestaetigung, "Rückzug Ihres Förderantrags {Aktenzeichen} bestätigt",
            [
                Paragraph("Ihr Antrag {Aktenzeichen} ist zurückgezogen; das Verfahren ist damit beendet."),
                Paragraph("Haben Sie den Antrag nicht selbst zurückgezogen, melden Sie sich bitte umgehend bei uns."),
            ],
            []),

        new(EmailTemplates.Ablehnung, "Ablehnung Ihres Förderantrags {Aktenzeichen}",
            [
                List("leider können wir Ihren Antrag {Aktenzeichen} nicht fördern. Die Gründe:", EmailFields.Gruende),
                Paragraph("Der Ablehnungsbescheid liegt dieser E-Mail als PDF bei ({Anhang}); Sie finden ihn auch auf Ihrer Statusseite.", EmailFields.Anhang),
                Paragraph("Gern beraten wir Sie, ob und wie Sie Ihr Vorhaben in einer späteren Förderrunde erneut einreichen können."),
                AppealInformation(),
            ],
            [new(EmailFields.Gruende, FieldKind.List), new(EmailFields.Anhang, FieldKind.Text, Required: false)]),

        new(EmailTemplates.Unterschriftserinnerung, "Erinnerung: Unterschrift zu Ihrem Förderantrag {Aktenzeichen} bis zum {Frist}",
            [
                Paragraph("der Weiterleitungsvertrag (bzw. die Empfangsbestätigung des Bescheids) zu Ihrem Antrag {Aktenzeichen} liegt uns noch nicht unterschrieben vor. Bitte unterschreiben Sie bis zum {Frist} und senden Sie uns das Dokument zurück. Erst danach können Mittel ausgezahlt werden."),
            ],
            [new(EmailFields.Frist, FieldKind.Date)]),

        new(EmailTemplates.Auszahlung, "Auszahlung zu Ihrem Förderantrag {Aktenzeichen}",
            [
                Paragraph("wir haben {Betrag} zu Ihrem Antrag {Aktenzeichen} zur Auszahlung angewiesen. Der Betrag wird voraussichtlich am {Auszahlungsdatum} Ihrem Konto gutgeschrieben."),
                Paragraph("Bitte verwenden Sie die Mittel innerhalb von sechs Wochen nach der Auszahlung für fällige Zahlungen und bewahren Sie alle Belege für den Verwendungsnachweis auf."),
            ],
            [new(EmailFields.Betrag, FieldKind.Money), new(EmailFields.Auszahlungsdatum, FieldKind.Date)]),

        new(EmailTemplates.VerwendungsnachweisErinnerung, "Erinnerung: Verwendungsnachweis zu {Aktenzeichen} bis zum {Faelligkeit}",
            [
                Paragraph("der Verwendungsnachweis für Ihr Projekt {Aktenzeichen} ist bis zum {Faelligkeit} einzureichen. Er besteht aus einem Sachbericht und einem zahlenmäßigen Nachweis (Belegliste je Position des Finanzierungsplans). Beides können Sie über Ihre Statusseite hochladen."),
            ],
            [new(EmailFields.Faelligkeit, FieldKind.Date)]),

        new(EmailTemplates.VerwendungsnachweisFaelligHeute, "Heute fällig: Verwendungsnachweis zu {Aktenzeichen}",
            [
                Paragraph("der Verwendungsnachweis für Ihr Projekt {Aktenzeichen} ist heute, am {Faelligkeit}, fällig. Bitte reichen Sie den Sachbericht und den zahlenmäßigen Nachweis bis 24 Uhr über Ihre Statusseite ein."),
                Paragraph("Haben Sie ihn schon eingereicht, betrachten Sie diese E-Mail bitte als gegenstandslos."),
            ],
            [new(EmailFields.Faelligkeit, FieldKind.Date)]),

        new(EmailTemplates.VerwendungsnachweisMahnung, "Mahnung: Verwendungsnachweis zu {Aktenzeichen} überfällig",
            [
                Paragraph("der Verwendungsnachweis zu Ihrem Antrag {Aktenzeichen} war am {Faelligkeit} fällig und ist bisher nicht bei uns eingegangen. Bitte reichen Sie ihn umgehend ein."),
                Paragraph("Spätestens bis zum {NeueFrist} muss er uns vorliegen.", EmailFields.NeueFrist),
                Paragraph("Geht er nicht ein, müssen wir prüfen, ob die Zuwendung ganz oder teilweise zurückgefordert wird."),
            ],
            [new(EmailFields.Faelligkeit, FieldKind.Date), new(EmailFields.NeueFrist, FieldKind.Date, Required: false)]),

        new(EmailTemplates.Rueckforderung, "Rückforderung zu Ihrem Förderantrag {Aktenzeichen}",
            [
                Paragraph("nach Prüfung Ihres Verwendungsnachweises zum Antrag {Aktenzeichen} fordern wir Fördermittel in Höhe von {Betrag} zurück."),
                List("Die Gründe:", EmailFields.Gruende),
                Paragraph("Bitte überweisen Sie {Betrag} bis zum {Faelligkeit} unter Angabe des Aktenzeichens {Aktenzeichen}."),
                Paragraph("Der Erstattungsbetrag ist nach § 49a Abs. 3 VwVfG ab dem {ZinsenAb} mit jährlich fünf Prozentpunkten über dem Basiszinssatz zu verzinsen. Die Zinsen teilen wir Ihnen nach Eingang der Zahlung gesondert mit.", EmailFields.ZinsenAb),
            ],
            [new(EmailFields.Betrag, FieldKind.Money), new(EmailFields.Faelligkeit, FieldKind.Date), new(EmailFields.ZinsenAb, FieldKind.Date, Required: false), new(EmailFields.Gruende, FieldKind.List, Required: false)]),

        new(EmailTemplates.RueckzahlungErinnerung, "Erinnerung: Rückzahlung zu {Aktenzeichen} bis zum {Faelligkeit}",
            [
                Paragraph("zu Ihrem Antrag {Aktenzeichen} haben wir Fördermittel in Höhe von {Betrag} zurückgefordert. Bitte überweisen Sie den Betrag bis zum {Faelligkeit} unter Angabe des Aktenzeichens {Aktenzeichen}."),
                Paragraph("Hinzu kommen Zinsen nach § 49a Abs. 3 VwVfG bis zum Tag vor Ihrer Zahlung; wir teilen sie Ihnen nach Eingang der Zahlung mit."),
            ],
            [new(EmailFields.Betrag, FieldKind.Money), new(EmailFields.Faelligkeit, FieldKind.Date)]),

        new(EmailTemplates.RueckzahlungFaelligHeute, "Heute fällig: Rückzahlung zu {Aktenzeichen}",
            [
                Paragraph("die Rückzahlung von {Betrag} zu Ihrem Antrag {Aktenzeichen} ist heute, am {Faelligkeit}, fällig. Bitte überweisen Sie den Betrag unter Angabe des Aktenzeichens {Aktenzeichen}."),
                Paragraph("Haben Sie schon gezahlt, betrachten Sie diese E-Mail bitte als gegenstandslos."),
            ],
            [new(EmailFields.Betrag, FieldKind.Money), new(EmailFields.Faelligkeit, FieldKind.Date)]),

        new(EmailTemplates.RueckzahlungMahnung, "Mahnung: Rückzahlung zu {Aktenzeichen} überfällig",
            [
                Paragraph("die Rückzahlung von {Betrag} zu Ihrem Antrag {Aktenzeichen} war am {Faelligkeit} fällig und ist bisher nicht bei uns eingegangen. Bitte überweisen Sie den Betrag umgehend unter Angabe des Aktenzeichens {Aktenzeichen}."),
                Paragraph("Spätestens bis zum {NeueFrist} muss die Zahlung eingegangen sein.", EmailFields.NeueFrist),
                Paragraph("Die Zinsen nach § 49a Abs. 3 VwVfG laufen bis zum Tag vor Ihrer Zahlung weiter. Geht die Zahlung nicht ein, müssen wir die Forderung zur Beitreibung an die Stadtkasse abgeben."),
            ],
            [new(EmailFields.Betrag, FieldKind.Money), new(EmailFields.Faelligkeit, FieldKind.Date), new(EmailFields.NeueFrist, FieldKind.Date, Required: false)]),

        new(EmailTemplates.Abschluss, "Abschluss Ihres Förderprojekts {Aktenzeichen}",
            [
                Paragraph("Ihr Verwendungsnachweis zum Antrag {Aktenzeichen} ist geprüft, das Förderverfahren ist damit abgeschlossen. Vielen Dank für Ihr Engagement!"),
                Paragraph("Bitte bewahren Sie Ihre Belege fünf Jahre nach Vorlage des Verwendungsnachweises auf."),
            ],
            []),
    }.ToFrozenDictionary(template => template.Name, StringComparer.Ordinal);
}
