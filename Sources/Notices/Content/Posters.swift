/// The two notices a client posts where applicants and employees can read them (AGT-1):
/// that it takes part in E-Verify, and that workers have the right to work free of
/// discrimination. English and Spanish; our own wording of the program's content.
public enum PosterKind: String, Sendable, CaseIterable {
    case participation
    case rightToWork = "right_to_work"
}

public enum Posters {
    public static let languages = ["en", "es"]

    /// The poster for `employer` in `language` (`en` or `es`), dated `issuedOn` (YYYY-MM-DD);
    /// nil for another language.
    public static func document(_ kind: PosterKind, employer: String, language: String, issuedOn: String) -> PlainDocument? {
        guard let words = language == "en" ? english(kind) : language == "es" ? spanish(kind) : nil else { return nil }
        let year = String(issuedOn.prefix(4))
        var blocks: [PlainDocument.Block] = [.title(words.title), .subtitle(words.subtitle(employer)), .callout(words.callout)]
        for (heading, items) in words.sections {
            blocks.append(.heading(heading))
            blocks.append(.bullets(items))
        }
        blocks.append(.note(words.posted(employer, issuedOn)))
        return PlainDocument(title: words.title, reference: "\(employer) \(year)", issuedOn: issuedOn, languageCode: language,
                             footer: "\(words.title) · \(employer) · \(year) · {page}/{pages}", blocks: blocks)
    }

    struct Words {
        let title: String
        let subtitle: (String) -> String
        let callout: String
        let sections: [(String, [String])]
        let posted: (String, String) -> String
    }

    static func english(_ kind: PosterKind) -> Words {
        switch kind {
        case .participation:
            return Words(
                title: "This employer uses E-Verify",
                subtitle: { "\($0) checks the work eligibility of every new employee through E-Verify." },
                callout: "E-Verify is used only after a job offer is accepted and Form I-9 is complete — never to screen applicants.",
                sections: [
                    ("What the employer does", [
                        "Checks each new hire's Form I-9 information with the Social Security Administration and the Department of Homeland Security.",
                        "Checks every new hire the same way, whatever their citizenship, immigration status or national origin.",
                        "Does not choose which documents you show for Form I-9.",
                    ]),
                    ("If the records do not match", [
                        "You are told in private and given a written notice explaining the mismatch.",
                        "You decide whether to take action to resolve it; you have time to contact the agency.",
                        "While the case is open you keep working: no firing, suspension, pay cut or delayed training because of it.",
                    ]),
                    ("Questions or complaints", [
                        "Questions about E-Verify: the Department of Homeland Security, E-Verify program.",
                        "Misuse of E-Verify or discrimination: the Department of Justice, Immigrant and Employee Rights Section.",
                    ]),
                ],
                posted: { "Posted by \($0) on \($1). Display where applicants and employees can read it." })
        case .rightToWork:
            return Words(
                title: "You have the right to work",
                subtitle: { "A notice to applicants and employees of \($0)." },
                callout: "An employer may not discriminate against you because of your citizenship, immigration status or national origin.",
                sections: [
                    ("Your rights", [
                        "You choose which acceptable documents to show for Form I-9; the employer may not ask for particular ones.",
                        "The employer may not ask for more or different documents than the rules require, or reject documents that look genuine.",
                        "The employer may not threaten, intimidate or retaliate against you for asserting these rights.",
                        "An E-Verify mismatch is not proof that you are not allowed to work.",
                    ]),
                    ("If you believe your rights were violated", [
                        "Contact the Department of Justice, Immigrant and Employee Rights Section, which enforces the anti-discrimination rules.",
                        "Help is free, and available in many languages.",
                    ]),
                ],
                posted: { "Posted by \($0) on \($1). Display where applicants and employees can read it." })
        }
    }

    static func spanish(_ kind: PosterKind) -> Words {
        switch kind {
        case .participation:
            return Words(
                title: "Este empleador usa E-Verify",
                subtitle: { "\($0) verifica la elegibilidad de empleo de cada nuevo empleado mediante E-Verify." },
                callout: "E-Verify se usa solo después de aceptar una oferta de empleo y completar el Formulario I-9, nunca para seleccionar solicitantes.",
                sections: [
                    ("Lo que hace el empleador", [
                        "Verifica la información del Formulario I-9 de cada nuevo empleado con la Administración del Seguro Social y el Departamento de Seguridad Nacional.",
                        "Verifica a todos los nuevos empleados de la misma forma, sin importar su ciudadanía, estatus migratorio u origen nacional.",
                        "No elige qué documentos usted presenta para el Formulario I-9.",
                    ]),
                    ("Si los registros no coinciden", [
                        "Se le informa en privado y se le entrega un aviso por escrito que explica la discrepancia.",
                        "Usted decide si toma medidas para resolverla; tiene tiempo para comunicarse con la agencia.",
                        "Mientras el caso esté abierto usted sigue trabajando: sin despido, suspensión, reducción de salario ni retraso en la capacitación por ese motivo.",
                    ]),
                    ("Preguntas o quejas", [
                        "Preguntas sobre E-Verify: el Departamento de Seguridad Nacional, programa E-Verify.",
                        "Uso indebido de E-Verify o discriminación: el Departamento de Justicia, Sección de Derechos de Inmigrantes y Empleados.",
                    ]),
                ],
                posted: { "Publicado por \($0) el \($1). Colóquelo donde los solicitantes y empleados puedan leerlo." })
        case .rightToWork:
            return Words(
                title: "Usted tiene derecho a trabajar",
                subtitle: { "Aviso para solicitantes y empleados de \($0)." },
                callout: "Un empleador no puede discriminarle por su ciudadanía, estatus migratorio u origen nacional.",
                sections: [
                    ("Sus derechos", [
                        "Usted elige qué documentos aceptables presenta para el Formulario I-9; el empleador no puede pedir documentos específicos.",
                        "El empleador no puede pedir más documentos, u otros, de los que exigen las normas, ni rechazar documentos que parecen auténticos.",
                        "El empleador no puede amenazarle, intimidarle ni tomar represalias por ejercer estos derechos.",
                        "Una discrepancia de E-Verify no prueba que usted no tenga permiso para trabajar.",
                    ]),
                    ("Si cree que se violaron sus derechos", [
                        "Comuníquese con el Departamento de Justicia, Sección de Derechos de Inmigrantes y Empleados, que hace cumplir las normas contra la discriminación.",
                        "La ayuda es gratuita y está disponible en muchos idiomas.",
                    ]),
                ],
                posted: { "Publicado por \($0) el \($1). Colóquelo donde los solicitantes y empleados puedan leerlo." })
        }
    }
}
