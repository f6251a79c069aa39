package org.familyhub.synth;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Name pools by heritage, nicknames and surname forms. Everything is an array or a sorted map: no hash order. */
final class Names {

    private Names() {
    }

    enum Heritage {
        ENGLISH(60), IRISH(6), MUSLIM_SOUTH_ASIAN(9), SIKH(4), HINDU(4), POLISH(7), CARIBBEAN(10);

        final int weight;

        Heritage(int weight) {
            this.weight = weight;
        }
    }

    private static String[] a(String s) {
        return s.trim().split("\\s*,\\s*");
    }

    // adults (born c. 1950–2006) and children (born 2008 onwards)
    private static final String[][] ADULT_M = new String[Heritage.values().length][];
    private static final String[][] ADULT_F = new String[Heritage.values().length][];
    private static final String[][] CHILD_M = new String[Heritage.values().length][];
    private static final String[][] CHILD_F = new String[Heritage.values().length][];
    private static final String[][] SURNAMES = new String[Heritage.values().length][];

    private static void put(Heritage h, String am, String af, String cm, String cf, String surnames) {
        ADULT_M[h.ordinal()] = a(am);
        ADULT_F[h.ordinal()] = a(af);
        CHILD_M[h.ordinal()] = a(cm);
        CHILD_F[h.ordinal()] = a(cf);
        SURNAMES[h.ordinal()] = a(surnames);
    }

    static {
        put(Heritage.ENGLISH,
                "James, John, Robert, Michael, William, David, Richard, Thomas, Christopher, Daniel, Matthew, Anthony, Mark, "
                        + "Paul, Steven, Andrew, Joshua, Kevin, Jason, Lee, Craig, Darren, Wayne, Dean, Ryan, Liam, Jamie, Gary, "
                        + "Stuart, Nathan, Benjamin, Samuel, Jonathan, Edward, Alexander, Carl, Scott, Shaun, Ashley, Kieran, Jordan",
                "Elizabeth, Katherine, Sarah, Emma, Rebecca, Laura, Hannah, Gemma, Amy, Charlotte, Jennifer, Nicola, Michelle, "
                        + "Rachel, Claire, Kelly, Stacey, Donna, Lisa, Joanne, Victoria, Samantha, Jessica, Danielle, Leanne, "
                        + "Kayleigh, Natalie, Stephanie, Louise, Zoë, Margaret, Susan, Deborah, Jacqueline, Amanda",
                "Oliver, Harry, George, Noah, Jack, Jacob, Leo, Oscar, Charlie, Freddie, Alfie, Theo, Arthur, Archie, Thomas, "
                        + "William, Joshua, James, Henry, Riley, Mason, Logan, Ethan, Tyler, Kai, Teddy, Reggie, Alexander, "
                        + "Daniel, Samuel, Robert, Frederick",
                "Olivia, Amelia, Isla, Ava, Mia, Ivy, Lily, Isabella, Sophia, Grace, Poppy, Freya, Evie, Ella, Florence, Willow, "
                        + "Rosie, Millie, Sienna, Ruby, Daisy, Elsie, Harper, Esmé, Matilda, Katherine, Elizabeth, Maisie, Lacey, Chloe",
                "Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Robinson, Wright, Thompson, Evans, Walker, White, "
                        + "Roberts, Green, Hall, Wood, Jackson, Clarke, Harris, Lewis, Hughes, Edwards, Turner, Hill, Moore, Cooper, "
                        + "Ward, Morris, King, Baker, Harrison, Morgan, Patterson, Bennett, Parker, Bailey, Shaw, Price, Barnes, Cox, "
                        + "Mason, Hunt, Marshall, Webb, Lloyd, Holmes, Pearson, Atkinson, Ellis, Chapman, Wainwright, Ashby, "
                        + "Bowen-Jones, Fox-Turner, Hart-Davies, Ward-Thomas, Price-Evans, Scott-Morgan, Holt-Bennett");
        put(Heritage.IRISH,
                "Sean, Patrick, Ciaran, Declan, Conor, Eoin, Liam, Niall, Padraig, Cian, Michael, Kevin",
                "Siobhán, Aoife, Niamh, Róisín, Ciara, Orla, Sinead, Mairead, Gráinne, Clodagh, Bridget, Mary",
                "Cillian, Oisín, Finn, Darragh, Rory, Conor, Patrick, Sean, Tadhg",
                "Saoirse, Caoimhe, Aoife, Niamh, Éabha, Ciara, Erin, Orla, Clodagh",
                "O'Neill, O'Brien, Murphy, Kelly, O'Sullivan, Walsh, McCarthy, O'Connor, Byrne, Ryan, Doyle, McLaughlin, "
                        + "Gallagher, Fitzgerald, Quinn, O'Donnell, McDonagh, Nolan, Brennan, Kavanagh");
        put(Heritage.MUSLIM_SOUTH_ASIAN,
                "Mohammed, Muhammad, Imran, Asif, Tariq, Bilal, Zahid, Shahid, Kamran, Nadeem, Abdul, Rizwan, Faisal, Adnan",
                "Fatima, Aisha, Ayesha, Nazia, Samina, Shabana, Parveen, Rubina, Yasmin, Sadia, Farzana, Nasreen, Shazia",
                "Muhammad, Zain, Hamza, Ibrahim, Yusuf, Ayaan, Ismail, Musa, Zakariya, Rayyan, Ali, Umar",
                "Maryam, Zara, Inaaya, Aisha, Noor, Hafsa, Khadija, Amira, Safa, Zainab, Eshal, Anaya",
                "Khan, Ahmed, Hussain, Ali, Iqbal, Mahmood, Akhtar, Rahman, Choudhury, Islam, Uddin, Malik, Butt, Rashid, Qureshi");
        put(Heritage.SIKH,
                "Harpreet, Gurpreet, Sukhvinder, Jaswinder, Kuldip, Manjit, Rajinder, Balwinder, Harjit, Jaspal, Amarjit",
                "Harleen, Manpreet, Simran, Jaspreet, Navdeep, Rupinder, Kulwinder, Sukhjit, Parminder, Gurjit",
                "Arjun, Jaskaran, Harvir, Gurveer, Ekam, Sahib, Jovan, Armaan, Tegan",
                "Simran, Jasleen, Amrit, Gurleen, Harnoor, Navleen, Ishmeet, Sehaj, Avneet",
                "Singh, Sandhu, Gill, Dhillon, Sidhu, Bains, Johal, Grewal, Sahota, Atwal, Kang, Virdi");
        put(Heritage.HINDU,
                "Rajesh, Sanjay, Amit, Vikram, Rahul, Nikhil, Ashok, Deepak, Pradeep, Sunil, Hitesh, Ketan",
                "Priya, Anjali, Sunita, Kiran, Pooja, Neha, Meera, Asha, Rekha, Hema, Nisha, Bhavna",
                "Aarav, Arjun, Rohan, Krish, Dev, Veer, Aryan, Ishaan, Vihaan",
                "Anaya, Diya, Aanya, Riya, Saanvi, Isha, Tara, Myra, Kavya",
                "Patel, Sharma, Mistry, Chauhan, Parmar, Solanki, Mehta, Joshi, Shah, Lad, Rana, Modi");
        put(Heritage.POLISH,
                "Piotr, Krzysztof, Tomasz, Paweł, Michał, Marcin, Łukasz, Jakub, Kamil, Mateusz, Adam, Grzegorz",
                "Anna, Katarzyna, Magdalena, Agnieszka, Joanna, Małgorzata, Monika, Natalia, Ewa, Aleksandra, Dorota",
                "Jan, Antoni, Filip, Szymon, Aleksander, Wojciech, Jakub, Franciszek, Kacper, Oliwer",
                "Zuzanna, Julia, Maja, Zofia, Hanna, Lena, Alicja, Oliwia, Amelia, Pola",
                "Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, "
                        + "Dąbrowski, Kozłowski, Mazur, Krawczyk, Jankowski, Kaczmarek");
        put(Heritage.CARIBBEAN,
                "Delroy, Winston, Marcus, Leon, Andre, Jermaine, Tyrone, Dwayne, Courtney, Errol, Junior, Clive, Trevor",
                "Marcia, Sharon, Paulette, Shanice, Tanisha, Keisha, Jade, Simone, Hyacinth, Beverley, Chantelle, Janet",
                "Malachi, Jayden, Isaiah, Zion, Amari, Elijah, Josiah, Reuben, Tyrese, Kyrie",
                "Nia, Tia, Kayla, Imani, Aaliyah, Amara, Naomi, Leah, Jada, Kemi",
                "Campbell, Williams, Thomas, Francis, Grant, Johnson, Clarke, Reid, Henry, Bailey, Gordon, Powell, Richards, "
                        + "Samuels, Forbes, McKenzie, Bennett, Morgan, Lewis, Brown");
    }

    private static final Map<String, String[]> NICKNAMES = new TreeMap<>();

    static {
        String spec = "Robert=Bob/Rob/Bobby; Elizabeth=Liz/Beth/Lizzie; William=Bill/Will/Billy; Katherine=Kate/Kath/Katie; "
                + "Margaret=Maggie/Peggy; Richard=Rich/Rick; Michael=Mike/Mick; James=Jim/Jimmy; Thomas=Tom/Tommy; "
                + "Christopher=Chris; Daniel=Dan/Danny; Matthew=Matt; Anthony=Tony/Ant; Steven=Steve; Andrew=Andy; "
                + "Joshua=Josh; Benjamin=Ben; Samuel=Sam/Sammy; Jonathan=Jon; Edward=Ed/Eddie/Ted; Alexander=Alex/Sandy; "
                + "Jennifer=Jen/Jenny; Rebecca=Becky/Becca; Samantha=Sam/Sammie; Victoria=Vicky/Tori; Jessica=Jess; "
                + "Stephanie=Steph; Nicola=Nicky; Jacqueline=Jackie; Deborah=Debbie/Deb; Susan=Sue; Amanda=Mandy; "
                + "Charlotte=Charlie/Lottie; Natalie=Nat; Danielle=Dani; Joanne=Jo; Olivia=Liv/Livvy; Isabella=Bella/Izzy; "
                + "Amelia=Millie; Matilda=Tilly; Florence=Flo; Frederick=Freddie/Fred; Henry=Harry; Oliver=Ollie; "
                + "Patrick=Paddy/Pat; Mohammed=Mo; Muhammad=Mo; Piotr=Peter; Krzysztof=Chris; Katarzyna=Kasia/Kate; "
                + "Małgorzata=Gosia/Margaret; Tomasz=Tom; Paweł=Paul; Michał=Michael; Jakub=Kuba/Jake; Aleksander=Olek/Alex; "
                + "Zuzanna=Zuza; Magdalena=Magda; Agnieszka=Aga; Aleksandra=Ola; Gurpreet=Gary; Sukhvinder=Sukhi; "
                + "Harpreet=Harry; Jermaine=Jerry; Courtney=Court; Beverley=Bev; Sharon=Shaz; Kevin=Kev; Stuart=Stu; "
                + "Nathan=Nate; Jordan=Jord; Leanne=Lea; Kayleigh=Kay; Gemma=Gem; Louise=Lou; Laura=Lau; Hannah=Han";
        for (String pair : spec.split(";\\s*")) {
            String[] kv = pair.split("=");
            NICKNAMES.put(kv[0].trim(), kv[1].trim().split("/"));
        }
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    static Heritage heritage(SplittableRandom r) {
        int total = 0;
        for (Heritage h : Heritage.values()) {
            total += h.weight;
        }
        int x = r.nextInt(total);
        for (Heritage h : Heritage.values()) {
            x -= h.weight;
            if (x < 0) {
                return h;
            }
        }
        return Heritage.ENGLISH;
    }

    static String given(SplittableRandom r, Heritage h, char sex, boolean child) {
        String[] pool = child ? (sex == 'M' ? CHILD_M : CHILD_F)[h.ordinal()] : (sex == 'M' ? ADULT_M : ADULT_F)[h.ordinal()];
        return pick(r, pool);
    }

    /** A family surname in its base (masculine, for Polish) form. */
    static String surname(SplittableRandom r, Heritage h) {
        return pick(r, SURNAMES[h.ordinal()]);
    }

    /** The form a person of the given sex uses: Polish -ski/-cki → -ska/-cka for women. */
    static String surnameFor(String base, char sex) {
        if (sex != 'F') {
            return base;
        }
        StringBuilder out = new StringBuilder();
        for (String part : base.split("-", -1)) {
            if (out.length() > 0) {
                out.append('-');
            }
            if (part.endsWith("ski") || part.endsWith("cki") || part.endsWith("dzki")) {
                out.append(part, 0, part.length() - 1).append('a');
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    static String[] nicknames(String given) {
        return NICKNAMES.get(given);
    }

    /** ASCII transliteration (Zoë → Zoe, Łukasz → Lukasz), as many partner systems store names. */
    static String ascii(String s) {
        String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.replace('Ł', 'L').replace('ł', 'l');
    }

    // ---- places: Coventry localities, their postcode district and streets ----

    record Locality(String name, String district, String[] streets) {
    }

    static final Locality[] LOCALITIES = {
            new Locality("Hillfields", "CV1", a("Cambridge Street, Harnall Lane East, Berry Street, Victoria Street, Vernon Street")),
            new Locality("Earlsdon", "CV5", a("Earlsdon Avenue North, Moor Street, Albany Road, Berkeley Road South, Styvechale Avenue")),
            new Locality("Whoberley", "CV5", a("Broomfield Road, Hearsall Lane, Latham Road, Westwood Road")),
            new Locality("Allesley Park", "CV5", a("Allesley Old Road, Winsford Avenue, Merynton Avenue, Kenpas Highway")),
            new Locality("Foleshill", "CV6", a("Foleshill Road, Stoney Stanton Road, Lockhurst Lane, Broad Street, Cross Road")),
            new Locality("Radford", "CV6", a("Radford Road, Jubilee Crescent, Engleton Road, Kingfield Road")),
            new Locality("Holbrooks", "CV6", a("Holbrook Lane, Parkgate Road, Briscoe Road, Burnaby Road")),
            new Locality("Longford", "CV6", a("Longford Road, Windmill Road, Sydnall Road, Black Horse Road")),
            new Locality("Wood End", "CV2", a("Deedmore Road, Hillmorton Road, Dunsmore Avenue, Moat House Lane")),
            new Locality("Bell Green", "CV2", a("Bell Green Road, Riley Square, Roseberry Avenue, Pearson Avenue")),
            new Locality("Wyken", "CV2", a("Ansty Road, Wyken Croft, Hipswell Highway, Clifford Bridge Road")),
            new Locality("Walsgrave", "CV2", a("Walsgrave Road, Woodway Lane, Hinckley Road, Henley Road")),
            new Locality("Willenhall", "CV3", a("Remembrance Road, Middle Ride, St James Lane, Yarningale Road")),
            new Locality("Stoke Aldermoor", "CV3", a("Aldermoor Lane, Tiverton Road, Dewsbury Avenue, Hollis Road")),
            new Locality("Binley", "CV3", a("Binley Road, Brandon Road, Shilton Lane, Bromwich Road")),
            new Locality("Cheylesmore", "CV3", a("Quinton Road, Daventry Road, Poitiers Road, Humber Road")),
            new Locality("Tile Hill", "CV4", a("Tile Hill Lane, Jardine Crescent, Broad Lane, Station Avenue, Torbay Road")),
            new Locality("Canley", "CV4", a("Charter Avenue, Cannon Hill Road, Prior Deram Walk, Fletchamstead Highway")),
    };

    static final String[] BLOCKS = a("Priory Court, Eaton House, Hillfields House, Thomas King House, Meadow House, "
            + "Falkland Close, Spire View, Godiva Court, Phoenix House, Swanswell Court");

    /** Postcode inward-code letters: no C, I, K, M, O, V. */
    static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
}
