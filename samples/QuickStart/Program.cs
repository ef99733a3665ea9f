Console.WriteLine("QuickStart: coming with the generator.");
