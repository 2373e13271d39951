META
key;value
description;"Fixture: budget with a decimal comma; quoted fields"
country;China
unit;Demo county
num_projects;5
num_votes;8
budget;100000,50
vote_type;approval
rule;greedy

PROJECTS
project_id;cost;votes;name;selected
p1;60000;6;"Clinic; east wing";1
p2;45000,50;5;"Road ""Nanhuan"" lighting";0
p3;30000;5;Library books;1
p4;10000;2;Bus shelter;1
p5;5000;0;Benches;0

VOTES
voter_id;age;vote
1;34;p1,p2,p3
2;51;p1,p3
3;29;p1,p2
4;62;p2,p3,p4
5;45;p1,p3
6;38;p1,p2
7;70;p4,p2
8;19;p1,p3
